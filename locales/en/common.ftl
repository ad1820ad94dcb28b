## Common: errors and buttons shared by every feature

errors-generic = Sorry, something went wrong. Please try again in a little while.
errors-unavailable = The service is briefly unavailable. Please try again in a minute; nothing has been lost.
button-stale = This button is out of date. Send /start to get a fresh one.
unhandled-text = I didn't catch that. /help shows what I can do.
