// Live reload for the dev server (go run ./build serve). It is not part of
// the built site: the dev server adds it to HTML responses, with a
// <meta name="dev-build"> tag that names the build the page came from.
//
// The server sends the id of the current build when the stream opens and
// after every build, passed or failed. An id other than the page's means the
// page (or the build's error page) changed, so reload. EventSource
// reconnects by itself, and a restarted server has new ids, so open tabs
// also reload after a restart.
//
// A hidden tab closes its stream and opens it again when shown (and reloads
// then if the build changed): browsers allow about six connections to one
// server, and each open stream holds one.
"use strict";
(function () {
  var meta = document.querySelector('meta[name="dev-build"]');
  var shown = meta ? meta.content : null;
  var events = null;

  function connect() {
    if (events) {
      return;
    }
    events = new EventSource("/_dev/events");
    events.addEventListener("build", function (e) {
      if (shown === null) {
        shown = e.data;
      } else if (e.data !== shown) {
        disconnect();
        location.reload();
      }
    });
  }

  function disconnect() {
    if (events) {
      events.close();
      events = null;
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      disconnect();
    } else {
      connect();
    }
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function () {
    if (!document.hidden) {
      connect();
    }
  });
  if (!document.hidden) {
    connect();
  }
})();
