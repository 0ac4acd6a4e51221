// Videos load their player only when the reader asks for it (the `video` component
// in templates/components.html). Until then the page shows a photo from the site
// itself inside an ordinary link to the video, so opening the page sends nothing to
// YouTube or Vimeo, and without JavaScript the link still opens the video there.
// On a press, the link is replaced by the player (the address in data-video-embed,
// YouTube's cookie-free host or Vimeo with dnt=1), which the page's own
// Content-Security-Policy allows in frames (`_headers`: `frame-src`, that page only).
// An external file, not inline code: the site's policy runs no inline script.
'use strict';
(() => {
  if (window.ocaqVideo) return;
  window.ocaqVideo = true;
  document.addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[data-video-embed]') : null;
    if (!link) return;
    const src = link.getAttribute('data-video-embed') || '';
    // Only the two players the generator writes; anything else stays a link.
    if (!/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(src)) return;
    event.preventDefault();
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = link.getAttribute('data-video-title') || '';
    frame.className = 'video-player';
    frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
    frame.allowFullscreen = true;
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    link.replaceWith(frame);
    frame.focus();
  });
})();
