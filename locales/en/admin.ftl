## Admin: schools, teacher invites and teacher access (district coordinators)

admin-home-title = Schools: { $count }. Tap a school to open it.
admin-home-empty = There are no schools yet. Add the first one.
admin-home-line = { $number }. { $name } — { $region }, { $zone }
admin-home-page = Page { $page } of { $pages }
admin-add-school = ➕ Add a school
admin-back-menu = ⬅️ Main menu
admin-back-schools = ⬅️ All schools
admin-back-school = ⬅️ Back to the school

admin-zone-almaty = Almaty, Astana (UTC+5)
admin-zone-qostanay = Kostanay (UTC+5)
admin-zone-qyzylorda = Kyzylorda (UTC+5)
admin-zone-aqtobe = Aktobe (UTC+5)
admin-zone-aqtau = Aktau, Mangystau (UTC+5)
admin-zone-oral = Oral, West Kazakhstan (UTC+5)
admin-zone-bishkek = Kyrgyzstan, Bishkek (UTC+6)

admin-school-card =
    🏫 { $name }
    District, region: { $region }
    Time zone: { $zone }
    Teachers in Bagdar: { $teachers }
admin-school-invite = ✉️ Invite a teacher
admin-school-teachers = 👩‍🏫 Teachers ({ $count })
admin-school-rename = ✏️ Rename
admin-school-gone = This school is no longer on the list.

admin-teachers-title = Teachers — { $school }:
admin-teachers-none = { $school }: no teachers in Bagdar yet. To add one, tap “Invite a teacher” on the school's screen.
admin-teacher-revoke = ✖️ Revoke access: { $name }
admin-teacher-unnamed = No name (Telegram ID { $id })
admin-teacher-gone = This person is no longer a teacher. Nothing was changed.
admin-revoke-confirm =
    { $name } will no longer be a teacher ({ $school }) and will lose access to the school's trials, rosters and reports. You can invite them again at any time.

    Revoke teacher access?
admin-revoke-yes = Yes, revoke
admin-revoke-no = Cancel
admin-revoke-done = Done: { $name } is no longer a teacher ({ $school }).

admin-invite-intro = The invitation is ready: { $school }. Forward the next message to the teacher. The link works once and is valid for 7 days.
admin-invite-forward =
    Hello! You are invited to Bagdar, the career guidance bot, as a career guidance teacher. School: { $school }.

    To join, open the link:
    { $link }

    If the link doesn't open, send this code to @{ $bot }: <code>{ $code }</code>

    The invitation works once and is valid until { $until }.

admin-add-name-ask = New school, step 1 of 4. Send the school's full name, for example: Abai Secondary School No. 5
admin-add-region-ask = Step 2 of 4. Send the district and region, for example: Karasay district, Almaty region
admin-add-zone-ask = Step 3 of 4. Choose the school's time zone: trial times and reminders will be shown in it.
admin-add-preview =
    Step 4 of 4. Check the details:
    Name: { $name }
    District, region: { $region }
    Time zone: { $zone }

    Save the school?
admin-add-saved = ✅ School added.
admin-save = ✅ Save
admin-cancel = ✖️ Cancel
admin-name-invalid = The name should be 2 to 120 characters long. Please send the school's name again.
admin-region-invalid = The district and region should be 2 to 80 characters long. Please send them again.
admin-expect-text = Please send your answer as a text message.
admin-expect-button = Please choose one of the buttons below.
admin-dialog-cancelled = Cancelled, nothing was saved.

admin-rename-ask =
    Current name: { $name }
    Send the school's new name.
admin-rename-preview =
    Rename the school?
    Was: { $old }
    Will be: { $name }
admin-rename-saved = ✅ The name has been changed.
admin-teacher-revoked-notice = The district coordinator has removed your teacher access for { $school }. If this is a mistake, please contact them.
