## Privacy: /privacy, /mydata, /delete

privacy-notice =
    How Bagdar looks after your data

    What we store:
    • first and last name, school and class (for example, 7A);
    • answers to the interest questionnaire;
    • sign-ups for professional trials, reflections and the photos added to them;
    • parents' consent decisions;
    • your Telegram account number and chosen language.
    We never ask pupils for a phone number or date of birth, and we never collect parents' phone numbers.

    Why: to organise professional trials and help with career guidance.

    Who sees it: the pupil, the parents (legal representatives) linked to them in Bagdar and the school's career guidance teachers. District coordinators see only totals, without names.

    How long: after the end of the school year the data is anonymised. Names are erased, so nobody can tell whose it is.

    /mydata — get a copy of everything stored about you
    /delete — delete your data
privacy-mydata-caption =
    { $children ->
        [0] Everything Bagdar stores about you, in one file.
       *[other] Everything Bagdar stores about you and your children, in one file.
    }
privacy-mydata-nothing = Bagdar has no data about you yet. Send /start to begin.
privacy-delete-ask =
    Delete your data from Bagdar?

    We'll erase your name, class, questionnaire answers, reflection texts and photos, and remove your links with parents or children. Sign-ups for upcoming trials will be cancelled.

    Only figures without your name (scores and ratings for school reports) and parents' consent decisions stay, as a record.

    This can't be undone. To use Bagdar again later, just send /start.
privacy-delete-confirm-button = Yes, delete
privacy-delete-keep-button = No, keep
privacy-delete-done = Done: your data has been deleted. Thank you for being with Bagdar! If you want to come back, send /start.
privacy-delete-kept = Good, nothing has been deleted. Your data stays as it was.
privacy-delete-nothing = There's nothing to delete: Bagdar has no data about you.
privacy-delete-stale = This button is out of date. If you still want to delete your data, send /delete again.
