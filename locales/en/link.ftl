## Linking parents and children, invites

link-invite-intro = Forward the next message to your mum, dad or another legal guardian. The link works once and for 7 days. For a second parent, tap "Invite a parent" again.
link-invite-forward =
    Hello! { $name } invites you to Bagdar, the school's career guidance bot. Here you'll give consent for professional trials and get reminders.

    Open the link: { $link }

    Or send this code to @{ $bot }: <code>{ $code }</code>

    The invite is valid until { $until }
link-enter-code = Enter the code from your child's invite (22 characters), or paste the whole link.
link-code-invalid = That doesn't look like an invite code: it has 22 characters, Latin letters, digits, "_" or "-". Please try again.
link-confirm-child =
    You are connecting to:

    👤 { $child }
    🏫 { $school }

    Is this your child?
link-child-yes = Yes, this is my child
link-child-no = No, this isn't my child
link-not-my-child = All right, nothing was connected. If the link reached you by mistake, just ignore it.
link-personal-data =
    Consent to processing personal data

    As the parent (legal guardian) of { $child }, I agree that Bagdar, the school's career guidance service, stores and processes my child's data: first and last name, school, class, questionnaire answers, trial sign-ups and reflections afterwards.

    Why: to organise professional trials and career guidance.
    Who sees it: my child, me and other connected parents, and the career guidance teachers of { $school }. District coordinators see totals only.
    Children's phone numbers and birth dates are never collected.
    All of the data can be seen with /mydata and deleted with /delete.
link-pd-agree = ✅ I agree
link-pd-refuse = ✖️ I don't agree
link-done-granted = Done! You're connected to { $child }. Consent requests and trial reminders will come here.
link-done-refused = You're connected to { $child }. You did not consent to data processing, and the school will see that.
link-student-notified = { $guardian } has joined you in Bagdar as your parent.
links-parents-title = Parents connected to you:
links-parents-none = No parents are connected yet. Tap "Invite a parent" in the menu.
links-children-title = Your children in Bagdar:
links-children-none = No children are connected yet. Ask your child to send you an invite from Bagdar, or enter the code from it.
links-unlink-button = Disconnect: { $name }
links-unlink-confirm = Disconnect { $name }? The connection ends, and with it consent requests and reminders.
links-unlink-yes = Yes, disconnect
links-unlink-no = No, keep it
links-unlink-done = Disconnected.
links-unlink-kept = All right, nothing changed.
teacher-invite-confirm = You've been invited to Bagdar as a career guidance teacher of { $school }. You'll publish trials and see pupil lists and parents' consents. Join?
teacher-invite-join = Join
teacher-invite-not-now = Not now
teacher-invite-declined = All right, nothing changed. The invite stays valid until it expires.
teacher-invite-done = Welcome aboard! You're now a teacher of { $school }.
errors-invite-unknown = There's no such invite. Check the code or ask for a new invite.
errors-invite-expired = This invite has expired: invites are valid for 7 days. Please ask for a new one.
errors-invite-used = This invite has already been used, and each one works only once. Please ask for a new one.
errors-invite-revoked = This invite was withdrawn. Please ask for a new one.
errors-invite-own = That's your own invite: forward it to your parent instead.
errors-invite-wrong-kind = This code is meant for something else. Please check it.
errors-invite-already-linked = You're already connected to this child.
errors-invite-pupil = A pupil's account can't connect as a parent. Ask your parent to open the link in their own Telegram.
