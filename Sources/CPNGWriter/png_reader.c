#include "png_writer.h"
#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader_error {
    char *buffer;
    size_t capacity;
};

static void on_read_error(png_structp png, png_const_charp message) {
    struct reader_error *err = (struct reader_error *)png_get_error_ptr(png);
    if (err && err->buffer && err->capacity > 0) {
        snprintf(err->buffer, err->capacity, "%s", message);
    }
    png_longjmp(png, 1);
}

static void on_read_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

uint8_t *passport_png_read_gray(const char *path, uint32_t *width, uint32_t *height, uint32_t *dpi,
                                char *error, size_t error_capacity) {
    struct reader_error err = {error, error_capacity};
    if (error && error_capacity > 0) error[0] = '\0';
    FILE *file = fopen(path, "rb");
    if (!file) {
        if (error) snprintf(error, error_capacity, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &err, on_read_error, on_read_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    /* volatile: assigned after setjmp and read after a longjmp back to it. */
    uint8_t *volatile pixels = NULL;
    if (!png || !info) {
        if (error) snprintf(error, error_capacity, "libpng could not allocate its state");
        png_destroy_read_struct(&png, &info, NULL);
        fclose(file);
        return NULL;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        free(pixels);
        fclose(file);
        return NULL;
    }
    png_init_io(png, file);
    png_read_info(png, info);
    png_set_strip_16(png);
    png_set_strip_alpha(png);
    png_set_packing(png);
    png_set_expand_gray_1_2_4_to_8(png);
    png_set_palette_to_rgb(png);
    png_byte color = png_get_color_type(png, info);
    if (color & PNG_COLOR_MASK_COLOR) png_set_rgb_to_gray_fixed(png, 1, -1, -1);
    png_read_update_info(png, info);
    const uint32_t w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    if (png_get_rowbytes(png, info) != w) png_error(png, "unexpected row layout after conversion to gray");
    pixels = (uint8_t *)malloc((size_t)w * h);
    if (!pixels) png_error(png, "out of memory for the image");
    for (uint32_t y = 0; y < h; y++) png_read_row(png, pixels + (size_t)y * w, NULL);
    png_read_end(png, NULL);
    png_uint_32 res_x = 0, res_y = 0;
    int unit = 0;
    uint32_t found = 0;
    if (png_get_pHYs(png, info, &res_x, &res_y, &unit) && unit == PNG_RESOLUTION_METER) {
        found = (uint32_t)((double)res_x * 0.0254 + 0.5);
    }
    png_destroy_read_struct(&png, &info, NULL);
    fclose(file);
    *width = w;
    *height = h;
    *dpi = found;
    return pixels;
}
