#define _GNU_SOURCE
#include "medsite_system.h"
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>

#if defined(__APPLE__)
int medsite_exchange_paths(const char *first, const char *second) {
    return renamex_np(first, second, RENAME_SWAP);
}
#elif defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
int medsite_exchange_paths(const char *first, const char *second) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}
#else
int medsite_exchange_paths(const char *first, const char *second) {
    (void)first; (void)second;
    errno = ENOSYS;
    return -1;
}
#endif

#if defined(__linux__)
#include <elf.h>
#include <link.h>
#include <string.h>

struct medsite_build_id_search { unsigned char *out; size_t capacity; size_t length; };

static int medsite_find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct medsite_build_id_search *search = data;
    for (int index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[index];
        if (header->p_type != PT_NOTE) continue;
        const char *note = (const char *)(info->dlpi_addr + header->p_vaddr);
        const char *end = note + header->p_memsz;
        while (note + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *entry = (const ElfW(Nhdr) *)note;
            const char *name = note + sizeof(*entry);
            const char *descriptor = name + ((entry->n_namesz + 3) & ~3u);
            if (descriptor + entry->n_descsz > end) break;
            if (entry->n_type == NT_GNU_BUILD_ID && entry->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                size_t length = entry->n_descsz < search->capacity ? entry->n_descsz : search->capacity;
                memcpy(search->out, descriptor, length);
                search->length = length;
                return 1;
            }
            note = descriptor + ((entry->n_descsz + 3) & ~3u);
        }
    }
    return 1; /* the first object is the program itself: look no further */
}

size_t medsite_build_id(unsigned char *out, size_t capacity) {
    struct medsite_build_id_search search = { out, capacity, 0 };
    dl_iterate_phdr(medsite_find_build_id, &search);
    return search.length;
}
#else
size_t medsite_build_id(unsigned char *out, size_t capacity) {
    (void)out; (void)capacity;
    return 0;
}
#endif
