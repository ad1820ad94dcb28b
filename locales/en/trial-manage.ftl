## The school's trials: list, card, publish, cancel (teacher)

trial-manage-list-title = 🗂 Your school's trials
trial-manage-list-empty = Your school has no trials yet. Create the first one: it takes about five minutes.
trial-manage-fill = 🪑 { $taken }/{ $capacity }
trial-manage-waiting = 🕒 { $count } waiting
trial-manage-schools = 🏫 Open to pupils of: { $schools }
trial-manage-share = 🔗 A link for pupils, to forward: { $link }
trial-manage-roster = 👥 Roster
trial-manage-publish = 🚀 Publish
trial-manage-edit = ✏️ Edit
trial-manage-copy = 📄 Duplicate
trial-manage-cancel = ⛔ Cancel the trial
trial-manage-all = ↩️ All trials
trial-manage-cancel-confirm =
    ⛔ Cancel «{ $title }»?
    { $count ->
        [one] The one sign-up will be cancelled,
       *[other] All { $count } sign-ups will be cancelled,
    } and the pupils and their parents will get a notice at once. This can't be undone.
trial-manage-cancel-confirm-empty =
    ⛔ Cancel «{ $title }»?
    Nobody has signed up yet. This can't be undone.
trial-manage-cancel-yes = ⛔ Yes, cancel it
trial-manage-cancel-no = ↩️ No, keep it
trial-manage-published = 🚀 Published! Pupils can find it in the catalogue now.
trial-manage-fix-first = Tap “✏️ Edit” to fix it, then publish.
trial-manage-cancelled = ⛔ The trial is cancelled. Sign-ups cancelled: { $count }. Notices sent to pupils and parents: { $notified }.
