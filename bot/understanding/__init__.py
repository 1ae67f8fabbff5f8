"""What a cadre's free-text message means (issue 10): its intent and the registry fields it states."""
