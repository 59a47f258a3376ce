// Authentication and permissions as nats.js v3 sees them: connect errors and async -ERR statuses.
import assert from "node:assert/strict";
import { test } from "node:test";

import { errors } from "@nats-io/transport-node";

import { Inbox, firstMatching, startServer, withTimeout } from "./harness.mjs";

const kTestTimeoutMs = 30_000;

async function assertAuthRejected(server, opts, what) {
    await assert.rejects(server.connect(opts), (err) => {
        assert.ok(err instanceof errors.AuthorizationError, `${what}: AuthorizationError, got ${err}`);
        assert.equal(err.message, "Authorization Violation", what);
        return true;
    });
}

test("auth: user and password", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t, { args: ["--user", "alice", "--pass", "s3cret"] });
    const nc = await server.connect({ user: "alice", pass: "s3cret" });
    assert.equal(nc.info.auth_required, true);
    await withTimeout(nc.flush(), "flush as alice");

    await assertAuthRejected(server, { user: "alice", pass: "wrong" }, "wrong password");
    await assertAuthRejected(server, { user: "mallory", pass: "s3cret" }, "unknown user");
    await assertAuthRejected(server, {}, "no credentials");
    // The rejected attempts did not disturb the authenticated connection.
    await withTimeout(nc.flush(), "flush after rejected attempts");
});

test("auth: token", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t, { args: ["--auth", "t0ken-abc"] });
    const nc = await server.connect({ token: "t0ken-abc" });
    assert.equal(nc.info.auth_required, true);
    await withTimeout(nc.flush(), "flush with token");

    await assertAuthRejected(server, { token: "t0ken-abd" }, "wrong token");
    await assertAuthRejected(server, {}, "no token");
    await assertAuthRejected(server, { user: "t0ken-abc", pass: "x" }, "token sent as user");
});

const kPermissionsConfig = `
authorization {
  users = [
    { user: "limited", password: "pw",
      permissions: { publish: { deny: ["forbidden.>"] }, subscribe: { deny: ["secret.>"] } } }
    { user: "admin", password: "pw" }
  ]
}
`;

test("permissions: denied publish surfaces as an async error status", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t, { config: kPermissionsConfig });
    const admin = await server.connect({ user: "admin", pass: "pw" });
    const nc = await server.connect({ user: "limited", pass: "pw" });
    const inbox = new Inbox();
    inbox.subscribe(admin, "forbidden.>");
    inbox.subscribe(admin, "allowed.>");
    await withTimeout(admin.flush(), "admin flush");

    const status = firstMatching(nc.status(), (s) => s.type === "error", "error status");
    nc.publish("forbidden.x", "should be dropped");
    const { error } = await status;
    assert.ok(error instanceof errors.PermissionViolationError, `PermissionViolationError, got ${error}`);
    assert.equal(error.message, 'Permissions Violation for Publish to "forbidden.x"');
    assert.equal(error.operation, "publish");
    assert.equal(error.subject, "forbidden.x");

    // The violation is not fatal: the connection keeps working and the denied message went nowhere.
    nc.publish("allowed.y", "delivered");
    await inbox.waitFor(1);
    await withTimeout(nc.flush(), "flush after violation");
    await withTimeout(admin.flush(), "admin flush");
    assert.equal(nc.isClosed(), false);
    assert.deepEqual(inbox.entries.map((e) => e.msg.subject), ["allowed.y"]);
});

test("permissions: denied subscription closes that subscription with the error", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t, { config: kPermissionsConfig });
    const admin = await server.connect({ user: "admin", pass: "pw" });
    const nc = await server.connect({ user: "limited", pass: "pw" });

    const status = firstMatching(nc.status(), (s) => s.type === "error", "error status");
    const denied = nc.subscribe("secret.x");
    const ok = new Inbox();
    ok.subscribe(nc, "open.x");
    const { error } = await status;
    assert.ok(error instanceof errors.PermissionViolationError, `PermissionViolationError, got ${error}`);
    assert.equal(error.message, 'Permissions Violation for Subscription to "secret.x"');
    assert.equal(error.operation, "subscription");
    assert.equal(error.subject, "secret.x");
    const closed_with = await withTimeout(denied.closed, "denied subscription closed");
    assert.ok(closed_with instanceof errors.PermissionViolationError, `closed with ${closed_with}`);
    assert.equal(denied.isClosed(), true);

    // Other subscriptions on the connection are unaffected.
    await withTimeout(nc.flush(), "flush after violation");
    admin.publish("open.x", "hi");
    await ok.waitFor(1);
    assert.equal(ok.msgs()[0].string(), "hi");
});
