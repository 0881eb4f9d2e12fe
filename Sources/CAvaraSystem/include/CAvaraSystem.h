#ifndef C_AVARA_SYSTEM_H
#define C_AVARA_SYSTEM_H

/// Lowers the scheduling priority of the calling thread (not the process) to `niceness` (0-19; higher is lower
/// priority), so that its work gives way to other threads (Darwin: the utility QoS class). Returns 0, or -1 with
/// errno set.
int avara_lower_thread_priority(int niceness);

/// Names the calling thread, as `top -H` and debuggers show it (at most 15 bytes are kept on Linux).
void avara_name_thread(const char *name);

/// Fills `buffer` with `count` bytes from the operating system's CSPRNG in one call (Linux: `getrandom`, retried
/// when a signal interrupts it; Darwin: `arc4random_buf`). Returns 0, or -1 with errno set.
int avara_random_bytes(unsigned char *buffer, unsigned long count);

#endif
