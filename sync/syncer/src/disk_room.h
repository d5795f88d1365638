// Room kept on the disk beside the cache for recording what happened: a 1 MiB file made after each
// good run and removed when the disk is full, so the sync state can still be written. Private to the
// syncer.
#pragma once

#include <string>

namespace kiosk::syncer {

// Makes `<database>.reserve` when it is missing (posix_fallocate, so the blocks are really taken).
void keep_reserve(const std::string& database);
// Removes it, giving its room back.
void release_reserve(const std::string& database);
// " (the disk is full: N KiB free)" when the disk holding the cache has almost nothing left, else
// "": SQLite then often says only "disk I/O error".
std::string disk_full_note(const std::string& database);

}  // namespace kiosk::syncer
