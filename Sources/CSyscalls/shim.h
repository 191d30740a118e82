#ifndef PASSPORT_CSYSCALLS_SHIM_H
#define PASSPORT_CSYSCALLS_SHIM_H

/* System calls the Output module needs that Swift's Glibc module does not declare. */

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* glibc (2.28+) declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module does not
   define. The symbol is in libc; declare it here. */
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
                     unsigned int flags);

/* glibc declares syncfs only under _GNU_SOURCE as well. */
extern int syncfs(int fd);

/* ... and memmem (a byte search, for the private key scan). */
#include <stddef.h>
#if defined(__linux__)
extern void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
#endif

/* linux/fs.h: swap two paths atomically. */
static const unsigned int passport_rename_exchange = 2;

#endif
