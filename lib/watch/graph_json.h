// The Facebook Graph API's JSON that live detection reads, in the shapes Meta documents: a
// page's live_videos edge, Graph's error object, and a Page webhook delivery of live_videos
// changes. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/live.h"
#include "core/result.h"

namespace onair::watch {

// Where a LiveVideo's status (LIVE, LIVE_STOPPED, VOD, ... in the edge; live, live_stopped, ...
// in webhooks; compared without case) puts its page.
enum class LiveVideoPhase {
  kLive,     // LIVE
  kEnded,    // LIVE_STOPPED, PROCESSING, VOD, SCHEDULED_EXPIRED, SCHEDULED_CANCELED
  kPending,  // not yet broadcast (UNPUBLISHED, SCHEDULED_*), or a status Meta adds later
};
LiveVideoPhase PhaseOf(std::string_view status);

// The report a live_videos answer ({"data": [{"id", "status", "live_views"}, ...], "paging":
// ...}) gives: live with the first video whose status is LIVE, its id as stream_id and its
// live_views as viewers (unset when absent); not live when no video is LIVE. page and at are left
// for the caller. kInvalidArgument, saying what is wrong, for malformed JSON, no data array, a
// video without an id, or live_views that is not a non-negative integer.
Result<LiveReport> ParseLiveVideosAnswer(std::string_view body);

// "Graph error 190 (OAuthException): Error validating access token" for an answer holding
// Graph's {"error": {"message", "type", "code"}}; nullopt for anything else. The message is cut
// to 300 bytes.
std::optional<std::string> DescribeGraphError(std::string_view body);

// One live_videos change of a webhook delivery.
struct LiveVideoChange {
  std::string page_id;   // the entry's id
  std::string video_id;  // value.id
  std::string status;    // value.status as sent ("live", "live_stopped", ...)
};

// The live_videos changes of a Page webhook delivery, {"object": "page", "entry": [{"id",
// "time", "changes": [{"field": "live_videos", "value": {"id", "status"}}]}]}, in order. Changes
// of other fields, and deliveries for other objects, give nothing. kInvalidArgument for
// malformed JSON, a body that is not an object with an entry array, or a live_videos change
// without a page id, video id or status. Ids may be strings or integers.
Result<std::vector<LiveVideoChange>> ParseLiveVideoChanges(std::string_view body);

}  // namespace onair::watch
