## Сынамалар туралы еске салулар (outbox арқылы): бір күн бұрынғы жадынама (оқушыға, ата-анаға),
## 2 сағат бұрынғы еске салу (оқушыға), педагогке тізім қорытындысы және оқушының «Келе алмаймын» жауабы.

reminder-24h-pupil =
    🔔 Бағыттау парағы: «{ $title }» ертең

    📅 { $date }, { $start }–{ $end }
    { $format ->
        [online]
            💻 Онлайн, өткізетін ұйым: { $organisation }
            🔗 Сілтеме: { $link }
        [hybrid]
            📍 { $organisation }, { $address }
            🗺 Картада: { $map }
            🚌 Қалай жетуге болады: { $transport }
            🔗 Онлайн да қосылуға болады: { $link }
       *[in_person]
            📍 { $organisation }, { $address }
            🗺 Картада: { $map }
            🚌 Қалай жетуге болады: { $transport }
    }
    👤 Тәлімгер: { $mentor }
    👤 Мектептен ертіп баратын: { $escort }
    🎒 Өзіңмен бірге ал: { $bring }
    👕 Киім: { $clothing }

    ⏰ Кешігіп жатсаң немесе ауырып қалсаң, бірден хабарлас: { $contact }.

    Келесің бе?
reminder-24h-parent =
    🔔 Бағыттау парағы: ертең { $child } «{ $title }» іс-шарасына барады

    📅 { $date }, { $start }–{ $end }
    { $format ->
        [online]
            💻 Онлайн, өткізетін ұйым: { $organisation }
            🔗 Сілтеме: { $link }
        [hybrid]
            📍 { $organisation }, { $address }
            🗺 Картада: { $map }
            🚌 Қалай жетуге болады: { $transport }
            🔗 Онлайн да қосылуға болады: { $link }
       *[in_person]
            📍 { $organisation }, { $address }
            🗺 Картада: { $map }
            🚌 Қалай жетуге болады: { $transport }
    }
    👤 Тәлімгер: { $mentor }
    👤 Мектептен ертіп баратын: { $escort }
    🎒 Бірге алатын заттар: { $bring }
    👕 Киім: { $clothing }

    ⏰ Егер { $child } кешігіп жатса немесе ауырып қалса, бірден хабарласыңыз: { $contact }.
reminder-coming = ✅ Келемін
reminder-cant = 😔 Келе алмаймын
reminder-2h-pupil =
    ⏰ «{ $title }» басталуына 2 сағат қалды, басталуы — { $start }.
    { $format ->
        [online] 🔗 Сілтеме: { $link }
        [hybrid] 📍 { $organisation }, { $address } ({ $map }) немесе онлайн: { $link }
       *[in_person] 📍 { $organisation }, { $address } ({ $map })
    }
    Кешігіп жатсаң немесе ауырып қалсаң, хабарлас: { $contact }. Сәттілік!
digest-1d-teacher =
    📋 Ертең: «{ $title }» ({ $when })

    ✅ Расталғандар ({ $confirmedCount }): { $confirmed }{ $confirmedMore ->
        [0] { "" }
       *[other] { " " }және тағы { $confirmedMore } оқушы
    }
    ⏳ Ата-ана келісімі әлі жоқ ({ $missingCount }): { $missing }{ $missingMore ->
        [0] { "" }
       *[other] { " " }және тағы { $missingMore } оқушы
    }
    🚫 Фото мен бейнеге түсіруге рұқсат жоқ, түсірмеңіз: { $noPhotos }{ $noPhotosMore ->
        [0] { "" }
       *[other] { " " }және тағы { $noPhotosMore } оқушы
    }
    📁 Фото тек портфолио үшін, жариялауға болмайды: { $portfolioOnly }{ $portfolioOnlyMore ->
        [0] { "" }
       *[other] { " " }және тағы { $portfolioOnlyMore } оқушы
    }
    🩺 Денсаулық туралы жазбалар:
    { $health }{ $healthMore ->
        [0] { "" }
       *[other] { " " }(тағы { $healthMore } жазба — қатысушылар тізімінде)
    }

    Толық тізім — сынама қатысушыларының тізімінде.
reminder-coming-ok = 👍 Керемет, сені күтеміз!
reminder-cant-ask = «{ $title }» іс-шарасына ({ $when }) келе алмайсың ба? Растасаң, жазылуың тоқтатылып, орның басқа оқушыға беріледі. Педагогке өзіміз хабарлаймыз.
reminder-cant-yes = Иә, келе алмаймын
reminder-cant-no = Бәрібір келемін
reminder-cant-done = Дайын: «{ $title }» іс-шарасына жазылуың тоқтатылды, орын басқа оқушыға босатылды. Педагогке өзіміз хабарлаймыз. Каталогта басқа сынамалар да бар.
reminder-cant-kept = Керемет, «{ $title }» іс-шарасындағы орның сақталады. Сені күтеміз!
reminder-stale = Бұл еске салу енді өзекті емес: сынама басталып кеткен не тоқтатылған, немесе жазылуың енді жарамсыз. Ештеңе өзгерген жоқ. Өзекті ақпарат «Менің сынамаларым» бөлімінде.
reminder-cant-teacher = 😔 { $child } ({ $class }) «{ $title }» іс-шарасына ({ $when }) келе алмайды: жазылу тоқтатылды, орын босатылды.
