"""Loopback doubles of services outside our walls, faked at the wire (real HTTP on 127.0.0.1)."""
