// A keep-alive HTTP server on 127.0.0.1 answering every request with the operation's 200 body.
// It runs in its own process so that the clients being measured keep a core to themselves.
import http from "node:http";
import { RESPONSE_BODY } from "./peers.ts";

const body = Buffer.from(RESPONSE_BODY);
const server = http.createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.send?.({ port: address.port });
});
process.on("disconnect", () => server.close(() => process.exit(0)));
