#pragma once
#include <stddef.h>
#include <stdint.h>

/// Writes a PNG file from pixel rows in cairo's RGB24/ARGB32 layout (one native-endian
/// uint32 per pixel, 0x00RRGGBB). When `grayscale` is non-zero the red channel is stored as
/// 8-bit gray. `dpi` is recorded in the pHYs chunk (pixels per metre). No time chunk is
/// written, so equal pixels give equal bytes. Returns 0 on success; on failure returns -1
/// and puts libpng's message (or the system error) into `error` (NUL-terminated).
int passport_png_write(const char *path, const uint32_t *pixels, uint32_t width, uint32_t height,
                       uint32_t stride_bytes, int grayscale, uint32_t dpi,
                       char *error, size_t error_capacity);

