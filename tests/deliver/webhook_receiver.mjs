// A webhook receiver for tests: verifies every delivery with the npm `standardwebhooks` library
// (not onair's own code) and counts them.
//
//   node webhook_receiver.mjs --secret whsec_... [--fail-first N] [--port P]
//
// Prints "listening PORT" once it accepts connections (port 0, the default, picks a free one).
// POST to any path: 401 when the signature does not verify, else 500 for the first N verified
// deliveries and 204 after them. GET /deliveries: {"verified": n, "rejected": n, "deliveries":
// [{"id", "timestamp", "verified", "status", "body"}, ...]} in arrival order. Exits on SIGTERM,
// SIGINT or when its standard input closes, so it never outlives the test that started it.
import http from "node:http";
import { parseArgs } from "node:util";
import { Webhook } from "standardwebhooks";

const { values } = parseArgs({
  options: {
    secret: { type: "string" },
    "fail-first": { type: "string", default: "0" },
    port: { type: "string", default: "0" },
  },
});
if (!values.secret) {
  console.error("webhook_receiver: --secret is required");
  process.exit(2);
}
const webhook = new Webhook(values.secret);
const failFirst = Number(values["fail-first"]);
const deliveries = [];

function answer(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    if (req.method === "GET" && req.url === "/deliveries") {
      const verified = deliveries.filter((d) => d.verified).length;
      answer(res, 200, { verified, rejected: deliveries.length - verified, deliveries });
      return;
    }
    if (req.method !== "POST") {
      answer(res, 405);
      return;
    }
    const body = Buffer.concat(chunks).toString("utf8");
    const delivery = {
      id: req.headers["webhook-id"] ?? null,
      timestamp: req.headers["webhook-timestamp"] ?? null,
      verified: false,
      status: 401,
      body,
    };
    try {
      webhook.verify(body, req.headers);
      delivery.verified = true;
      const verifiedBefore = deliveries.filter((d) => d.verified).length;
      delivery.status = verifiedBefore < failFirst ? 500 : 204;
    } catch {
      // A wrong signature, a stale timestamp or a missing header: refused, and counted as such.
    }
    deliveries.push(delivery);
    answer(res, delivery.status);
  });
});

server.listen(Number(values.port), "127.0.0.1", () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
