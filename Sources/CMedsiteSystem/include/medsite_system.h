#ifndef MEDSITE_SYSTEM_H
#define MEDSITE_SYSTEM_H

/// Atomically exchanges two existing paths (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np
/// RENAME_SWAP). Returns 0 on success, -1 with errno set otherwise (ENOSYS/EINVAL where the
/// file system cannot do it).
int medsite_exchange_paths(const char *first, const char *second);

#include <stddef.h>

/// The running program's GNU build-id note (a hash the linker computes over the program), copied
/// into `out`; returns its length, 0 when the program has none.
size_t medsite_build_id(unsigned char *out, size_t capacity);

#endif
