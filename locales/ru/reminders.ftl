## Напоминания о пробах через outbox: памятка за сутки (ученику, родителям), напоминание за 2 часа
## (ученику), сводка для педагога и «Не смогу прийти» ученика.

reminder-24h-pupil =
    🔔 Маршрутный лист: «{ $title }» уже завтра

    📅 { $date }, { $start }–{ $end }
    { $format ->
        [online]
            💻 Онлайн, проводит: { $organisation }
            🔗 Ссылка: { $link }
        [hybrid]
            📍 { $organisation }, { $address }
            🗺 На карте: { $map }
            🚌 Как добраться: { $transport }
            🔗 Или онлайн: { $link }
       *[in_person]
            📍 { $organisation }, { $address }
            🗺 На карте: { $map }
            🚌 Как добраться: { $transport }
    }
    👤 Наставник: { $mentor }
    👤 Сопровождающий от школы: { $escort }
    🎒 Возьми с собой: { $bring }
    👕 Одежда: { $clothing }

    ⏰ Опаздываешь или плохо себя чувствуешь? Сразу позвони: { $contact }.

    Придёшь?
reminder-24h-parent =
    🔔 Маршрутный лист: завтра { $child } идёт на «{ $title }»

    📅 { $date }, { $start }–{ $end }
    { $format ->
        [online]
            💻 Онлайн, проводит: { $organisation }
            🔗 Ссылка: { $link }
        [hybrid]
            📍 { $organisation }, { $address }
            🗺 На карте: { $map }
            🚌 Как добраться: { $transport }
            🔗 Или онлайн: { $link }
       *[in_person]
            📍 { $organisation }, { $address }
            🗺 На карте: { $map }
            🚌 Как добраться: { $transport }
    }
    👤 Наставник: { $mentor }
    👤 Сопровождающий от школы: { $escort }
    🎒 Взять с собой: { $bring }
    👕 Одежда: { $clothing }

    ⏰ Если { $child } опаздывает или плохо себя чувствует, пожалуйста, сразу позвоните: { $contact }.
reminder-coming = ✅ Приду
reminder-cant = 😔 Не смогу прийти
reminder-2h-pupil =
    ⏰ Через 2 часа, в { $start }, начинается «{ $title }».
    { $format ->
        [online] 🔗 Ссылка: { $link }
        [hybrid] 📍 { $organisation }, { $address } ({ $map }) или онлайн: { $link }
       *[in_person] 📍 { $organisation }, { $address } ({ $map })
    }
    Опаздываешь или плохо себя чувствуешь — звони: { $contact }. Удачи!
digest-1d-teacher =
    📋 Завтра: «{ $title }» ({ $when })

    ✅ Подтверждены ({ $confirmedCount }): { $confirmed }{ $confirmedMore ->
        [0] { "" }
       *[other] { " " }и ещё { $confirmedMore }
    }
    ⏳ Нет согласия родителей ({ $missingCount }): { $missing }{ $missingMore ->
        [0] { "" }
       *[other] { " " }и ещё { $missingMore }
    }
    🚫 Нет разрешения на съёмку, не фотографируйте и не снимайте на видео: { $noPhotos }{ $noPhotosMore ->
        [0] { "" }
       *[other] { " " }и ещё { $noPhotosMore }
    }
    📁 Фото только для портфолио, не публиковать: { $portfolioOnly }{ $portfolioOnlyMore ->
        [0] { "" }
       *[other] { " " }и ещё { $portfolioOnlyMore }
    }
    🩺 Заметки о здоровье:
    { $health }{ $healthMore ->
        [0] { "" }
       *[other] { " " }(и ещё { $healthMore } — в списке участников)
    }

    Полный список — в списке участников пробы.
reminder-coming-ok = 👍 Отлично, ждём тебя!
reminder-cant-ask = Не получается прийти на «{ $title }» ({ $when })? Если подтвердишь, запись отменится, а место достанется другому ученику. Педагогу мы сообщим.
reminder-cant-yes = Да, не смогу
reminder-cant-no = Всё-таки приду
reminder-cant-done = Готово: запись на «{ $title }» отменена, место освобождено для другого ученика. Педагогу мы сообщим. В каталоге есть и другие пробы.
reminder-cant-kept = Отлично, место на «{ $title }» остаётся за тобой. Ждём тебя!
reminder-stale = Это напоминание уже неактуально: проба началась или отменена, либо запись больше не действует. Ничего не изменилось. Актуальное — в «Мои пробы».
reminder-cant-teacher = 😔 { $child } ({ $class }) не сможет прийти на «{ $title }» ({ $when }): запись отменена, место освобождено.
