#include "watch/graph_webhook.h"

#include <spdlog/spdlog.h>

#include <utility>

#include "core/secrets.h"
#include "watch/graph_json.h"
#include "watch/graph_signature.h"

namespace onair::watch {
namespace {

constexpr size_t kMaxChallengeChars = 256;
constexpr size_t kMaxRemembered = 1000;

bool IsPlainChallenge(std::string_view challenge) {
  if (challenge.empty() || challenge.size() > kMaxChallengeChars) return false;
  for (char c : challenge) {
    const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       c == '.' || c == '-' || c == '_';
    if (!plain) return false;
  }
  return true;
}

}  // namespace

GraphWebhook::GraphWebhook(GraphWebhookOptions options,
                           const store::PageConnectionStore* connections)
    : options_(std::move(options)), connections_(connections) {}

Result<std::string> GraphWebhook::VerifyHandshake(std::string_view mode,
                                                  std::string_view verify_token,
                                                  std::string_view challenge) const {
  if (options_.verify_token.empty()) {
    return Status::FailedPrecondition("graph verify_token is not configured");
  }
  if (mode != "subscribe") return Status::InvalidArgument("hub.mode must be subscribe");
  // Digests of equal size, so the comparison tells nothing of the token's length either.
  if (!ConstantTimeEquals(Sha256(verify_token), Sha256(options_.verify_token))) {
    return Status::PermissionDenied("hub.verify_token does not match");
  }
  if (!IsPlainChallenge(challenge)) {
    return Status::InvalidArgument(
        "hub.challenge must be 1 to 256 letters, digits, '.', '-' or '_'");
  }
  return std::string(challenge);
}

Result<std::vector<LiveReport>> GraphWebhook::HandleDelivery(std::string_view raw_body,
                                                             std::string_view signature_header) {
  ONAIR_RETURN_IF_ERROR(CheckHubSignature(options_.app_secret, raw_body, signature_header));
  Result<std::vector<LiveVideoChange>> changes = ParseLiveVideoChanges(raw_body);
  if (!changes.ok()) return changes.status();

  std::vector<LiveReport> reports;
  for (LiveVideoChange& change : *changes) {
    const LiveVideoPhase phase = PhaseOf(change.status);
    if (phase == LiveVideoPhase::kPending) continue;

    Result<store::PageConnection> connection = connections_->FindByPageId(change.page_id);
    if (!connection.ok()) {
      if (connection.status().code() != Code::kNotFound) return connection.status();
      NoteUnknownPage(change.page_id);
      continue;
    }
    LiveReport report;
    report.page = connection->page;
    report.live = phase == LiveVideoPhase::kLive;
    report.stream_id = std::move(change.video_id);
    reports.push_back(std::move(report));
  }
  return reports;
}

void GraphWebhook::NoteUnknownPage(const std::string& page_id) {
  {
    std::lock_guard lock(mu_);
    if (unknown_logged_.size() >= kMaxRemembered) return;
    if (!unknown_logged_.insert(page_id).second) return;
  }
  spdlog::debug("graph: webhook_unknown_page page_id={}", page_id);
}

}  // namespace onair::watch
