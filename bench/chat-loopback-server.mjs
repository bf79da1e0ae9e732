/**
 * The chat stream bench's server, in its own process: answers every
 * request with the SSE body in the file named on the command line
 * (`text/event-stream`, keep-alive), and sends its port to the parent.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.argv[2]);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'text/event-stream', 'content-length': body.length }).end(body));
});
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
process.on('disconnect', () => process.exit(0));
