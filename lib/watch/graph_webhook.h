// GraphWebhook: the receiving end of the Graph app's Page webhooks, without a transport: the
// subscription handshake, and live_videos deliveries checked against X-Hub-Signature-256 and
// turned into live reports of connected pages for the scheduler. The API layer mounts it at
// GET and POST /graph/webhook of the customer listener. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/live.h"
#include "core/result.h"
#include "store/page_connection_store.h"

namespace onair::watch {

struct GraphWebhookOptions {
  std::string app_secret;    // the app's secret, which signs deliveries
  std::string verify_token;  // the Verify Token set for the webhook in the App Dashboard
};

class GraphWebhook {
 public:
  // `connections` must outlive the webhook.
  GraphWebhook(GraphWebhookOptions options, const store::PageConnectionStore* connections);

  // The GET handshake Meta sends when the webhook is set up, from the query parameters
  // hub.mode, hub.verify_token and hub.challenge. Returns the challenge, to be answered as the
  // body. kFailedPrecondition "graph verify_token is not configured"; kInvalidArgument "hub.mode
  // must be subscribe"; kPermissionDenied "hub.verify_token does not match" (compared in
  // constant time); kInvalidArgument "hub.challenge must be 1 to 256 letters, digits, '.', '-'
  // or '_'" (Meta sends a number; anything else is not echoed).
  Result<std::string> VerifyHandshake(std::string_view mode, std::string_view verify_token,
                                      std::string_view challenge) const;

  // A POST delivery: `raw_body` exactly as received and the X-Hub-Signature-256 header ("" when
  // absent). After CheckHubSignature (kFailedPrecondition, kUnauthenticated) and
  // ParseLiveVideoChanges (kInvalidArgument), returns one report per live_videos change of a
  // connected page, in order: a live status gives live with the video id as stream_id and no
  // viewer count (the scheduler's polls fill it in); an ended one (live_stopped, vod, ...) gives
  // not live, the video id as stream_id. Changes before a broadcast starts (scheduled, unpublished)
  // give nothing, nor do pages that are not connected (each such page id is logged once, at
  // debug). `at` is left unset: the scheduler reads it as the time it applies the report.
  Result<std::vector<LiveReport>> HandleDelivery(std::string_view raw_body,
                                                 std::string_view signature_header);

 private:
  // Logs `page_id` at debug unless it was logged before.
  void NoteUnknownPage(const std::string& page_id);

  // Immutable after construction.
  const GraphWebhookOptions options_;
  const store::PageConnectionStore* const connections_;

  std::mutex mu_;
  // Guarded by mu_. Bounded: past 1000 ids, new ones are no longer logged.
  std::unordered_set<std::string> unknown_logged_;
};

}  // namespace onair::watch
