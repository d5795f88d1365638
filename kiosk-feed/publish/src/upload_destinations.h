// The three kinds of publish::Destination (publish/upload.h), made by open_destination().
#pragma once

#include <memory>
#include <string>

#include "publish/upload.h"

namespace kiosk::publish::detail {

// A local folder (or a mounted share): each file written beside its place, flushed, then renamed.
std::unique_ptr<Destination> folder_destination(const std::string& folder);

// rsync, over ssh for host:path, or copying to a local path; run as a child process, no shell.
std::unique_ptr<Destination> rsync_destination(const std::string& to);

// HTTP PUT to a WebDAV folder (nginx dav_methods PUT), HEAD to find what it has; libcurl.
Result<std::unique_ptr<Destination>> webdav_destination(const std::string& url, const std::optional<std::string>& user,
                                                        const UploadCredentials& credentials);

// The names of the regular files directly in `dir`, sorted; an error when it cannot be listed.
Result<std::vector<std::string>> files_in(const std::string& dir);

}  // namespace kiosk::publish::detail
