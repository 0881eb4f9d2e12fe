#define _GNU_SOURCE
#include "CAvaraSystem.h"

#include <unistd.h>

#include <pthread.h>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#elif defined(__APPLE__)
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
