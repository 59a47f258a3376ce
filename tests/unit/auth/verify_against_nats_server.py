#!/usr/bin/env python3
# Replays data/*.json against a real nats-server (Debian's 2.9.10) over the raw client protocol.
# Manual tool, not run by ctest: `python3 verify_against_nats_server.py [/usr/sbin/nats-server]`.
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = sys.argv[1] if len(sys.argv) > 1 else "/usr/sbin/nats-server"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, conf_text):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="nwb-auth-")
        conf = os.path.join(self.dir, "server.conf")
        with open(conf, "w") as f:
            f.write(conf_text)
        self.proc = subprocess.Popen([SERVER, "-c", conf, "-a", "127.0.0.1", "-p", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("server exited: " + self.proc.stderr.read().decode())
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Conn:
    def __init__(self, port, connect):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = b""
        assert self.line().startswith("INFO ")
        opts = {"verbose": False, "pedantic": False, "echo": True}
        opts.update(connect)
        self.send("CONNECT " + json.dumps(opts) + "\r\n")

    def send(self, text):
        self.sock.sendall(text.encode())

    def line(self):
        while b"\r\n" not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError()
            self.buf += data
        out, self.buf = self.buf.split(b"\r\n", 1)
        return out.decode()

    def raw(self, n):
        while len(self.buf) < n:
            self.buf += self.sock.recv(65536)
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def sync(self):
        """Sends PING; returns (errors, msg subjects) seen before PONG."""
        self.send("PING\r\n")
        errors, msgs = [], []
        while True:
            ln = self.line()
            if ln == "PONG":
                return errors, msgs
            if ln.startswith("-ERR "):
                errors.append(ln[len("-ERR '"):-1])
            elif ln.startswith("MSG "):
                parts = ln.split(" ")
                self.raw(int(parts[-1]) + 2)
                msgs.append(parts[1])

    def close(self):
        self.sock.close()


def conf_for_users(users):
    entries = []
    for name, perms in users.items():
        entry = {"user": name, "password": "pw"}
        if perms is not None:
            entry["permissions"] = perms
        entries.append(entry)
    return "authorization { users = %s }\n" % json.dumps(entries)


def run_permission_cases():
    data = json.load(open(os.path.join(HERE, "data", "permission_cases.json")))
    server = Server(conf_for_users(data["users"]))
    failures = 0
    try:
        for case in data["cases"]:
            user = Conn(server.port, {"user": case["user"], "pass": "pw"})
            admin = Conn(server.port, {"user": "admin", "pass": "pw"})
            assert user.sync() == ([], []) and admin.sync() == ([], [])
            sid = 0
            for step in case["steps"]:
                kind = step[0]
                if kind == "wait":
                    time.sleep(step[1] / 1000.0)
                    continue
                if kind == "pub":
                    _, subject, reply, want = step
                    user.send("PUB %s %s0\r\n\r\n" % (subject, reply + " " if reply else ""))
                    errors, _ = user.sync()
                    got = errors[0] if errors else ""
                elif kind == "sub":
                    _, subject, queue, want = step
                    sid += 1
                    user.send("SUB %s %s%d\r\n" % (subject, queue + " " if queue else "", sid))
                    errors, _ = user.sync()
                    got = errors[0] if errors else ""
                elif kind == "recv":
                    _, subject, reply, want = step
                    admin.send("PUB %s %s0\r\n\r\n" % (subject, reply + " " if reply else ""))
                    assert admin.sync()[0] == []
                    errors, msgs = user.sync()
                    got = subject in msgs
                    assert errors == []
                else:
                    raise ValueError(kind)
                status = "ok " if got == want else "BAD"
                if got != want:
                    failures += 1
                print("%s %-45s %-40s got %r" % (status, case["name"][:45], " ".join(map(str, step[:3])), got))
            user.close()
            admin.close()
    finally:
        server.stop()
    return failures


def conf_for_auth(cfg):
    parts = []
    if "username" in cfg:
        parts.append("user: %s" % json.dumps(cfg["username"]))
        parts.append("password: %s" % json.dumps(cfg.get("password", "")))
    if "token" in cfg:
        parts.append("token: %s" % json.dumps(cfg["token"]))
    if "users" in cfg:
        parts.append("users = %s" % json.dumps(cfg["users"]))
    if "default_permissions" in cfg:
        parts.append("default_permissions: %s" % json.dumps(cfg["default_permissions"]))
    text = "authorization { %s }\n" % "\n".join(parts) if parts else ""
    if "no_auth_user" in cfg:
        text += "no_auth_user: %s\n" % json.dumps(cfg["no_auth_user"])
    return text


def run_auth_cases():
    data = json.load(open(os.path.join(HERE, "data", "auth_cases.json")))
    failures = 0
    for cfg_name, cfg in data["configs"].items():
        if "nats_server_rejects" in cfg:
            try:
                Server(conf_for_auth(cfg)).stop()
                ok = False
            except RuntimeError as e:
                ok = cfg["nats_server_rejects"] in str(e)
            failures += 0 if ok else 1
            print("%s %-28s config rejected: %s" % ("ok " if ok else "BAD", cfg_name, cfg["nats_server_rejects"]))
            continue
        server = Server(conf_for_auth(cfg))
        try:
            for case in [c for c in data["cases"] if c["config"] == cfg_name]:
                conn = Conn(server.port, case["connect"])
                try:
                    errors, _ = conn.sync()
                    accepted = errors == []
                    if not accepted:
                        assert errors == ["Authorization Violation"], errors
                except (EOFError, ConnectionResetError):
                    accepted = False
                ok = accepted == (case["user"] is not None)
                if ok and accepted and "perm_probe" in case:
                    allowed, denied = case["perm_probe"]
                    conn.send("PUB %s 0\r\n\r\n" % allowed)
                    ok = ok and conn.sync()[0] == []
                    conn.send("PUB %s 0\r\n\r\n" % denied)
                    ok = ok and conn.sync()[0] == ['Permissions Violation for Publish to "%s"' % denied]
                conn.close()
                if not ok:
                    failures += 1
                print("%s %-28s %-60s accepted=%s" % ("ok " if ok else "BAD", cfg_name,
                                                       json.dumps(case["connect"])[:60], accepted))
        finally:
            server.stop()
    return failures


if __name__ == "__main__":
    total = run_permission_cases() + run_auth_cases()
    print("FAILURES:", total)
    sys.exit(1 if total else 0)
