#define _GNU_SOURCE
#include "CAvaraSystem.h"

#include <unistd.h>

#include <pthread.h>

#if defined(__linux__)
#include <errno.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#elif defined(__APPLE__)
#include <stdlib.h>
#include <sys/qos.h>
#endif

int avara_lower_thread_priority(int niceness) {
#if defined(__linux__)
    // On Linux, PRIO_PROCESS with a thread id sets the nice value of that thread alone.
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), niceness);
#elif defined(__APPLE__)
    (void)niceness;
    return pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0);
#else
    (void)niceness;
    return 0;
#endif
}

void avara_name_thread(const char *name) {
#if defined(__linux__)
    char shortened[16] = {0};
    for (int i = 0; i < 15 && name[i] != 0; i++) shortened[i] = name[i];
    pthread_setname_np(pthread_self(), shortened);
#elif defined(__APPLE__)
    pthread_setname_np(name);
#else
    (void)name;
#endif
}

int avara_random_bytes(unsigned char *buffer, unsigned long count) {
#if defined(__linux__)
    // getrandom returns at most 33554431 bytes per call, and may return fewer when a signal interrupts it.
    unsigned long filled = 0;
    while (filled < count) {
        ssize_t got = getrandom(buffer + filled, count - filled, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        filled += (unsigned long)got;
    }
    return 0;
#elif defined(__APPLE__)
    arc4random_buf(buffer, count);
    return 0;
#else
    (void)buffer;
    (void)count;
    return -1;
#endif
}
