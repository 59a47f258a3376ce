// Test harness: starts the server named by NWB_TEST_SERVER on a random port, connects nats.js to it,
// and tears both down after each test. Every wait is bounded by a timeout; nothing sleeps.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { connect } from "@nats-io/transport-node";

export const kWaitMs = 5000;
const kListenLine = /Listening for client connections on 127\.0\.0\.1:(\d+)/;

// Children still alive if the runner dies mid-test; killed on exit so nothing is left behind.
const live_children = new Set();
process.on("exit", () => {
    for (const child of live_children) child.kill("SIGKILL");
});

/// Resolves with `promise`, or rejects with "timed out after <ms> ms: <what>".
export function withTimeout(promise, what, ms = kWaitMs) {
    let timer;
    const guard = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    });
    return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

/// Records messages from one or more callback subscriptions, each tagged. Unlike an iterator, it
/// keeps recording after a wait is satisfied, so tests can also check that nothing extra arrived.
export class Inbox {
    entries = []; // { tag, msg } in arrival order
    #waiters = [];
    #failure = null;

    /// Subscribes `nc` to `subject` (opts as for nc.subscribe), recording messages under `tag`.
    subscribe(nc, subject, { tag = subject, ...opts } = {}) {
        return nc.subscribe(subject, {
            ...opts,
            callback: (err, msg) => {
                if (err) {
                    this.#failure = err;
                    for (const w of this.#waiters.splice(0)) w.reject(err);
                    return;
                }
                this.entries.push({ tag, msg });
                for (let i = this.#waiters.length - 1; i >= 0; i--) {
                    if (this.entries.length >= this.#waiters[i].n) {
                        this.#waiters.splice(i, 1)[0].resolve(this.entries);
                    }
                }
            },
        });
    }

    /// Resolves once at least `n` messages have been recorded in total.
    waitFor(n, what = `${n} messages`) {
        if (this.#failure) return Promise.reject(this.#failure);
        if (this.entries.length >= n) return Promise.resolve(this.entries);
        const p = new Promise((resolve, reject) => this.#waiters.push({ n, resolve, reject }));
        return withTimeout(p, what);
    }

    msgs(tag) {
        return this.entries.filter((e) => tag === undefined || e.tag === tag).map((e) => e.msg);
    }

    count(tag) {
        return this.msgs(tag).length;
    }
}

/// Reads an async iterable in the background, so a test can wait for a count more than once.
export class Collector {
    items = [];
    #waiters = [];
    #done;

    constructor(iterable) {
        this.#done = (async () => {
            for await (const v of iterable) {
                this.items.push(v);
                for (let i = this.#waiters.length - 1; i >= 0; i--) {
                    if (this.items.length >= this.#waiters[i].n) this.#waiters.splice(i, 1)[0].resolve();
                }
            }
        })();
        this.#done.catch((err) => {
            for (const w of this.#waiters.splice(0)) w.reject(err);
        });
    }

    /// Resolves with the first `n` items once they have arrived.
    async waitFor(n, what) {
        if (this.items.length < n) {
            await withTimeout(new Promise((resolve, reject) => this.#waiters.push({ n, resolve, reject })), what);
        }
        return this.items.slice(0, n);
    }
}

/// The first value of an async iterable that satisfies `pred` (times out otherwise).
export function firstMatching(iterable, pred, what) {
    const reader = (async () => {
        for await (const v of iterable) {
            if (pred(v)) return v;
        }
        throw new Error(`iterator ended before: ${what}`);
    })();
    return withTimeout(reader, what);
}

function serverPath() {
    const exe = process.env.NWB_TEST_SERVER;
    if (!exe) throw new Error("NWB_TEST_SERVER is not set (path of nwb-server or nats-server)");
    return exe;
}

/// Starts a server for test `t` and registers its teardown (clients closed first, then SIGTERM).
/// `config` is the text of a config file passed with -c; `jetstream: true` adds `-js -sd <tmp>/js`
/// (the store is removed with the rest of the temp dir). Returns { port, url, connect(opts) }.
export async function startServer(t, { args = [], config, jetstream = false } = {}) {
    const dir = mkdtempSync(join(tmpdir(), "nwb-interop-"));
    const full_args = ["-a", "127.0.0.1", "-p", "-1", ...args];
    if (jetstream) full_args.push("-js", "-sd", join(dir, "js"));
    if (config !== undefined) {
        const conf = join(dir, "server.conf");
        writeFileSync(conf, config);
        full_args.push("-c", conf);
    }
    const child = spawn(serverPath(), full_args, { stdio: ["ignore", "pipe", "pipe"] });
    live_children.add(child);
    const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    exited.then(() => live_children.delete(child));

    const clients = [];
    t.after(async () => {
        await Promise.allSettled(clients.map((nc) => withTimeout(nc.close(), "client close")));
        if (child.exitCode === null && child.signalCode === null) {
            child.kill("SIGTERM");
            try {
                await withTimeout(exited, "server exit after SIGTERM");
            } catch {
                child.kill("SIGKILL");
                await exited;
            }
        }
        rmSync(dir, { recursive: true, force: true });
    });

    let log = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (s) => (log += s));
    child.stderr.setEncoding("utf8");
    const port = await withTimeout(
        new Promise((resolve, reject) => {
            child.stderr.on("data", (s) => {
                log += s;
                const m = kListenLine.exec(log);
                if (m) resolve(Number(m[1]));
            });
            child.once("error", reject);
            exited.then(({ code, signal }) =>
                reject(new Error(`server exited (code ${code}, signal ${signal}) before listening`)));
        }),
        `"Listening for client connections" from ${serverPath()} ${full_args.join(" ")}`,
    ).catch((err) => {
        throw new Error(`${err.message}\nserver output so far:\n${log}`);
    });

    const url = `127.0.0.1:${port}`;
    return {
        port,
        url,
        dir,
        log: () => log,
        /// Connects nats.js (no reconnect, so a dead server fails fast); closed at teardown.
        async connect(opts = {}) {
            const nc = await withTimeout(
                connect({ servers: url, reconnect: false, timeout: kWaitMs, ...opts }),
                `connect to ${url}`,
            );
            clients.push(nc);
            return nc;
        },
    };
}
