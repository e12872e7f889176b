"""Routes: linked_data (being written)."""

from fastapi import APIRouter

router = APIRouter()
