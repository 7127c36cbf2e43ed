// Serves the floor as server.js serves the app: Express, the same security headers, compressed
// fingerprinted assets, pages compressed on the same rule, the Remix request handler.
const crypto = require("node:crypto");
const path = require("node:path");
const express = require("express");
const compression = require("compression");
const { createRequestHandler } = require("@remix-run/express");
const { installGlobals } = require("@remix-run/node");
const { compressAppAnswer, securityHeaders } = require("../../server-security");

installGlobals();
const build = require(path.resolve(__dirname, "build/index.js"));
const app = express();
app.disable("x-powered-by");
app.use((req, res, next) => {
  res.set(securityHeaders({ nonce: crypto.randomBytes(16).toString("base64"), secure: false, development: false }));
  next();
});
app.use("/build", compression(), express.static(path.join(__dirname, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(__dirname, "public"), { maxAge: "1h" }));
app.use(compression({ filter: compressAppAnswer }));
app.all("*", createRequestHandler({ build, mode: "production" }));
app.listen(Number(process.env.PORT), "127.0.0.1");
