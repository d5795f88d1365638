// The pictures of the feed on disk, each in a file named by the SHA-256 of its bytes. A file only
// gets its name once its bytes were hashed and matched while they streamed in, were flushed to disk,
// and were no larger than signed; so a named file is always whole and right.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace kiosk::syncer {

class ObjectStore {
 public:
  explicit ObjectStore(std::string dir) : dir_(std::move(dir)) {}

  // Creates the folder if needed.
  Status prepare();
  // True when the object is stored with the expected size.
  bool has(const std::string& sha256, std::uint64_t size) const;
  // True when the stored file's bytes hash to `sha256` (reads the whole file).
  bool hash_matches(const std::string& sha256) const;
  // Removes one object (a damaged one, before it is fetched again).
  void remove(const std::string& sha256);
  std::string path(const std::string& sha256) const { return dir_ + "/" + sha256; }

  // Receives one object's bytes into a temporary file, hashing as they come.
  class Incoming {
   public:
    ~Incoming();
    bool write(std::string_view bytes);  // false on a write error or past the expected size
    void reset();                        // start over (a retried download)
    // Checks size and hash, flushes, and gives the file its name. Errors say what did not match.
    Status commit();
    // True when writing failed on this machine (disk full, I/O error), not because of the bytes sent.
    bool failed_locally() const;

   private:
    friend class ObjectStore;
    struct State;
    explicit Incoming(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
  };
  Result<std::unique_ptr<Incoming>> receive(const std::string& sha256, std::uint64_t size);

  // Removes every file that is not one of `keep` (and any temporary leftovers). Returns how many.
  // Only one run at a time may prune (the run lock): another run's downloads look like leftovers.
  std::size_t prune(const std::set<std::string>& keep);

 private:
  std::string dir_;
};

}  // namespace kiosk::syncer
