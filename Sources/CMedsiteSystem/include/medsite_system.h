#ifndef MEDSITE_SYSTEM_H
#define MEDSITE_SYSTEM_H

/// Atomically exchanges two existing paths (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np
/// RENAME_SWAP). Returns 0 on success, -1 with errno set otherwise (ENOSYS/EINVAL where the
/// file system cannot do it).
int medsite_exchange_paths(const char *first, const char *second);

#endif
