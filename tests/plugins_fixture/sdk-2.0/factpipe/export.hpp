#pragma once
// Symbol visibility. Everything is built with -fvisibility=hidden; only what is marked here is exported,
// so one plugin's symbols can never be resolved from another (a Boost.DLL pitfall).
#define FACTPIPE_EXPORT __attribute__((visibility("default")))
#if defined(FACTPIPE_SDK_BUILDING)
#define FACTPIPE_SDK_API FACTPIPE_EXPORT
#else
#define FACTPIPE_SDK_API FACTPIPE_EXPORT
#endif
