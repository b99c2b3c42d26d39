// require() of every package from a CommonJS file, as a CommonJS project would (Node 20.19+).
const names = [
  "@idclients/auth",
  "@idclients/confluent",
  "@idclients/ica",
  "@idclients/infisical",
  "@idclients/testing",
];
const loaded = {};
for (const name of names) {
  const mod = require(name);
  loaded[name] = Object.keys(mod).length;
}
const { createConfluentClient, NotFoundError } = require("@idclients/confluent");
const { ApiError } = require("@idclients/auth");
const client = createConfluentClient({ auth: { "cloud-api-key": { username: "k", password: "s" } } });
console.log(
  JSON.stringify({
    loaded,
    client: typeof client.GET === "function",
    sameErrors: Object.getPrototypeOf(NotFoundError.prototype) === ApiError.prototype,
  }),
);
