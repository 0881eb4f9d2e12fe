#define _GNU_SOURCE
#include "CAvaraSystem.h"

#include <unistd.h>

#include <pthread.h>

#if defined(__linux__)
#include <sched.h>
#elif defined(__APPLE__)
#include <sys/qos.h>
#endif

int avara_syncfs(int fd) {
#if defined(__linux__)
    return syncfs(fd);
#else
    sync();
    return fsync(fd);
#endif
}

int avara_make_thread_background(void) {
#if defined(__linux__)
    // Pid 0 is the calling thread: on Linux a scheduling policy belongs to each thread.
    struct sched_param parameters = {0};
    return sched_setscheduler(0, SCHED_IDLE, &parameters);
#elif defined(__APPLE__)
    return pthread_set_qos_class_self_np(QOS_CLASS_BACKGROUND, 0);
#else
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
