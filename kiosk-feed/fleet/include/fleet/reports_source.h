// Where the kiosks' reports are: a folder on the disk (the web server's WebDAV folder, or a copy of
// it) or the http(s) address of that folder. Reading one lists the reports `<id>.json` and fetches
// each with its picture `<id>.png`, within size limits, so a damaged or hostile file costs a bounded
// amount of memory and never stops the rest of the fleet from being read.
//
// Only names of the form `[a-z0-9-]{1,64}.json` are read; anything else in a listing (`../x.json`,
// `Foo.json`, `index.html`) is passed over.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "platform/result.h"

namespace kiosk::fleet {

inline constexpr std::size_t kMaxReportBytes = 1u << 20;   // a report far over its usual few KB is refused
inline constexpr std::size_t kMaxPictureBytes = 2u << 20;  // a 320-pixel-wide PNG is some tens of KB

// One report as fetched, not yet read.
struct ReportFile {
  std::string id;     // from the file's name
  std::string where;  // the file's path or URL, for messages
  std::optional<std::string> json;  // the bytes; none when they could not be fetched (see problem)
  std::string problem;              // why not, naming the file: "<where> is larger than the 1 MB a report may be"
  std::optional<std::string> picture;  // the PNG's bytes; none when there is none or it was refused
  std::string picture_problem;         // why a picture there was refused, naming it; "" when none was there
};

struct Credentials {
  std::string user;                     // empty: no basic auth
  std::optional<std::string> password;  // none: ~/.netrc
  std::string netrc_file;               // empty: ~/.netrc
};

// Every report of `source`, a folder or an http(s) URL, sorted by id. Refused when the source cannot
// be read at all (a folder that does not exist, a server that refuses the listing, with its status
// in words) or holds no report ("no reports in <source>").
Result<std::vector<ReportFile>> read_reports(const std::string& source, const Credentials& credentials);

// The version of the published feed at `feed`: a folder holding feed.json, a feed.json file, or the
// http(s) address of either (read without a password, as kiosks read it). The feed is read by the
// kiosks' own parser; refused, naming the file or URL, when it cannot be read or is not a feed.
Result<std::uint64_t> read_published_version(const std::string& feed);

// Whether `source` is an http:// or https:// address.
bool is_url(const std::string& source);

// The file names a folder's listing holds, from nginx's `autoindex_format json` (an array of
// {"name", "type", ...}) or an HTML index (nginx's default, Apache's: href="name" links, percent-
// escapes decoded). Names with a '/' in them are dropped.
std::vector<std::string> names_in_listing(const std::string& body);

// Whether `name` is a report's file name, and the kiosk id it gives.
std::optional<std::string> report_id(const std::string& name);

// Whether `bytes` begin with PNG's signature.
bool looks_like_png(const std::string& bytes);

}  // namespace kiosk::fleet
