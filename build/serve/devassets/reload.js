// Live reload for the dev server (go run ./build serve). It is not part of
// the built site: the dev server adds it to HTML responses, with a
// <meta name="dev-build"> tag that names the build the page came from.
//
// The server sends the id of the current build when the connection opens and
// after every build, passed or failed. An id other than the page's means the
// page (or the build's error page) changed, so reload. EventSource
// reconnects by itself, and a restarted server has new ids, so open tabs
// also reload after a restart.
"use strict";
(function () {
  var meta = document.querySelector('meta[name="dev-build"]');
  var shown = meta ? meta.content : null;
  var events = new EventSource("/_dev/events");
  events.addEventListener("build", function (e) {
    if (shown === null) {
      shown = e.data;
      return;
    }
    if (e.data !== shown) {
      events.close();
      location.reload();
    }
  });
})();
