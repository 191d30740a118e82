#include "png_writer.h"
#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct writer_error {
    char *buffer;
    size_t capacity;
};

static void on_error(png_structp png, png_const_charp message) {
    struct writer_error *err = (struct writer_error *)png_get_error_ptr(png);
    if (err && err->buffer && err->capacity > 0) {
        snprintf(err->buffer, err->capacity, "%s", message);
    }
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

int passport_png_write(const char *path, const uint32_t *pixels, uint32_t width, uint32_t height,
                       uint32_t stride_bytes, int grayscale, uint32_t dpi,
                       char *error, size_t error_capacity) {
    struct writer_error err = {error, error_capacity};
    if (error && error_capacity > 0) error[0] = '\0';
    FILE *file = fopen(path, "wb");
    if (!file) {
        if (error) snprintf(error, error_capacity, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &err, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *row = NULL;
    if (!png || !info) {
        if (error) snprintf(error, error_capacity, "libpng could not allocate its state");
        png_destroy_write_struct(&png, &info);
        fclose(file);
        return -1;
    }
    const size_t channels = grayscale ? 1 : 3;
    row = (unsigned char *)malloc((size_t)width * channels);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(file);
        return -1;
    }
    if (!row) {
        png_error(png, "out of memory for one row");
    }
    png_init_io(png, file);
    png_set_IHDR(png, info, width, height, 8, grayscale ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    const png_uint_32 per_metre = (png_uint_32)((double)dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, per_metre, per_metre, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++) {
        const uint32_t *src = (const uint32_t *)((const unsigned char *)pixels + (size_t)y * stride_bytes);
        for (uint32_t x = 0; x < width; x++) {
            const uint32_t p = src[x];
            if (grayscale) {
                row[x] = (unsigned char)((p >> 16) & 0xFF);
            } else {
                row[x * 3 + 0] = (unsigned char)((p >> 16) & 0xFF);
                row[x * 3 + 1] = (unsigned char)((p >> 8) & 0xFF);
                row[x * 3 + 2] = (unsigned char)(p & 0xFF);
            }
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (fclose(file) != 0) {
        if (error) snprintf(error, error_capacity, "cannot finish %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
