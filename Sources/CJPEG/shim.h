#pragma once
// The TurboJPEG API of libjpeg-turbo: errors come back as return values, never as a
// longjmp or exit(), so Swift can call it directly.
#include <turbojpeg.h>
