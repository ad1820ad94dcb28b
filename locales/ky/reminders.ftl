## Сыноолор тууралуу эскертмелер (outbox аркылуу): бир күн мурунку эскертме барак (окуучуга, ата-энеге),
## 2 саат мурунку эскертме (окуучуга), мугалимге тизменин жыйынтыгы жана окуучунун «Келе албайм» жообу.

reminder-24h-pupil =
    🔔 Багыттоо баракчасы: «{ $title }» эртең

    📅 { $date }, { $start }–{ $end }
    { $format ->
        [online]
            💻 Онлайн, өткөрүүчү уюм: { $organisation }
            🔗 Шилтеме: { $link }
        [hybrid]
            📍 { $organisation }, { $address }
            🗺 Картада: { $map }
            🚌 Кантип жетсе болот: { $transport }
            🔗 Онлайн да кошулса болот: { $link }
       *[in_person]
            📍 { $organisation }, { $address }
            🗺 Картада: { $map }
            🚌 Кантип жетсе болот: { $transport }
    }
    👤 Насаатчы: { $mentor }
    👤 Мектептен коштоп баруучу: { $escort }
    🎒 Өзүң менен ал: { $bring }
    👕 Кийим: { $clothing }

    ⏰ Кечигип калсаң же ооруп калсаң, дароо чал: { $contact }.

    Келесиңби?
reminder-24h-parent =
    🔔 Багыттоо баракчасы: эртең { $child } «{ $title }» иш-чарасына барат

    📅 { $date }, { $start }–{ $end }
    { $format ->
        [online]
            💻 Онлайн, өткөрүүчү уюм: { $organisation }
            🔗 Шилтеме: { $link }
        [hybrid]
            📍 { $organisation }, { $address }
            🗺 Картада: { $map }
            🚌 Кантип жетсе болот: { $transport }
            🔗 Онлайн да кошулса болот: { $link }
       *[in_person]
            📍 { $organisation }, { $address }
            🗺 Картада: { $map }
            🚌 Кантип жетсе болот: { $transport }
    }
    👤 Насаатчы: { $mentor }
    👤 Мектептен коштоп баруучу: { $escort }
    🎒 Өзү менен ала турган нерселер: { $bring }
    👕 Кийим: { $clothing }

    ⏰ Эгер { $child } кечигип калса же ооруп калса, дароо чалыңыз: { $contact }.
reminder-coming = ✅ Келем
reminder-cant = 😔 Келе албайм
reminder-2h-pupil =
    ⏰ «{ $title }» башталышына 2 саат калды, башталышы — { $start }.
    { $format ->
        [online] 🔗 Шилтеме: { $link }
        [hybrid] 📍 { $organisation }, { $address } ({ $map }) же онлайн: { $link }
       *[in_person] 📍 { $organisation }, { $address } ({ $map })
    }
    Кечигип калсаң же ооруп калсаң, чал: { $contact }. Ийгилик!
digest-1d-teacher =
    📋 Эртең: «{ $title }» ({ $when })

    ✅ Ырасталгандар ({ $confirmedCount }): { $confirmed }{ $confirmedMore ->
        [0] { "" }
       *[other] { " " }жана дагы { $confirmedMore } окуучу
    }
    ⏳ Ата-эненин макулдугу али жок ({ $missingCount }): { $missing }{ $missingMore ->
        [0] { "" }
       *[other] { " " }жана дагы { $missingMore } окуучу
    }
    🚫 Сүрөткө жана видеого тартууга уруксат жок, тартпаңыз: { $noPhotos }{ $noPhotosMore ->
        [0] { "" }
       *[other] { " " }жана дагы { $noPhotosMore } окуучу
    }
    📁 Сүрөт портфолио үчүн гана, жарыялоого болбойт: { $portfolioOnly }{ $portfolioOnlyMore ->
        [0] { "" }
       *[other] { " " }жана дагы { $portfolioOnlyMore } окуучу
    }
    🩺 Ден соолук боюнча эскертмелер:
    { $health }{ $healthMore ->
        [0] { "" }
       *[other] { " " }(дагы { $healthMore } эскертме — катышуучулардын тизмесинде)
    }

    Толук тизме — сыноонун катышуучуларынын тизмесинде.
reminder-coming-ok = 👍 Сонун, сени күтөбүз!
reminder-cant-ask = «{ $title }» иш-чарасына ({ $when }) келе албайсыңбы? Ырастасаң, катталууң жокко чыгып, ордуң башка окуучуга берилет. Мугалимге өзүбүз билдиребиз.
reminder-cant-yes = Ооба, келе албайм
reminder-cant-no = Баары бир келем
reminder-cant-done = Даяр: «{ $title }» иш-чарасына катталууң жокко чыгарылды, орун башка окуучуга бошотулду. Мугалимге өзүбүз билдиребиз. Каталогдо башка сыноолор да бар.
reminder-cant-kept = Сонун, «{ $title }» иш-чарасындагы ордуң сакталат. Сени күтөбүз!
reminder-stale = Бул эскертме эми актуалдуу эмес: сыноо башталып кеткен же жокко чыгарылган, же катталууң эми күчүндө эмес. Эч нерсе өзгөргөн жок. Актуалдуу маалымат «Менин сыноолорум» бөлүмүндө.
reminder-cant-teacher = 😔 { $child } ({ $class }) «{ $title }» иш-чарасына ({ $when }) келе албайт: катталуу жокко чыгарылды, орун бошотулду.
