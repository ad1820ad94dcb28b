## Common: errors and buttons shared by every feature

errors-generic = Sorry, something went wrong. Please try again in a little while.
errors-unavailable = The service is briefly unavailable. Please try again in a minute; nothing has been lost.
button-stale = This button is out of date. Send /start to get a fresh one.
unhandled-text = I didn't catch that. /help shows what I can do.
errors-not-allowed = Sorry, that isn't available to you.
errors-not-found = That's no longer there. /menu shows what's current.
errors-invalid-input = Something in the details isn't right. Please try again.
cancel-done = Cancelled; nothing was saved. /menu opens the menu.
cancel-nothing = There's nothing to cancel. /menu opens the menu.
errors-too-fast = You're sending messages very fast. Please wait a moment, then carry on.
