# English: what the components editors put on pages show (themes/default/templates/components.html).

# Between whole and tenths in a file's size (2.4 MB).
decimal-separator = .
# Under a photo: who took it.
figure-credit = Photo: { $name }
# On a video's poster: the link that starts it.
video-play = Play the video: { $title }
# Under a video: nothing comes from the video's site until the reader asks for it.
video-privacy = The video loads from { $provider } only when you press play; { $provider } may then set cookies.
# After a document's title: its type and size (PDF, 2.4 MB).
document-meta = { $type }, { $size }
document-size-kb = { $size } KB
document-size-mb = { $size } MB
