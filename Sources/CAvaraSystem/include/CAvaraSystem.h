#ifndef C_AVARA_SYSTEM_H
#define C_AVARA_SYSTEM_H

/// Flushes every file of the file system that holds `fd` to stable storage: one flush for a whole batch of
/// written files instead of one fsync(2) per file. Returns 0, or -1 with errno set. Linux: syncfs(2); elsewhere
/// fsync(2) of `fd` after sync(2).
int avara_syncfs(int fd);

/// Lowers the scheduling priority of the calling thread (not the process) to `niceness` (0-19; higher is lower
/// priority), so that its work gives way to the threads serving requests. Returns 0, or -1 with errno set.
int avara_lower_thread_priority(int niceness);

#endif
