package gen

// person is a family name as published, with its romanised form.
type person struct{ family, translit string }

var ruFamilies = []person{
	{"Иванов", "Ivanov"}, {"Петров", "Petrov"}, {"Смирнов", "Smirnov"}, {"Кузнецов", "Kuznetsov"},
	{"Попов", "Popov"}, {"Соколов", "Sokolov"}, {"Лебедев", "Lebedev"}, {"Козлов", "Kozlov"},
	{"Новиков", "Novikov"}, {"Морозов", "Morozov"}, {"Волков", "Volkov"}, {"Жигалов", "Zhigalov"},
	{"Султанов", "Sultanov"}, {"Королёв", "Korolev"}, {"Вайс", "Vais"}, {"Белов", "Belov"},
	{"Захаров", "Zakharov"}, {"Орлов", "Orlov"}, {"Гусев", "Gusev"}, {"Титов", "Titov"},
}

var kkFamilies = []person{
	{"Сейітов", "Seiitov"}, {"Әбілов", "Abilov"}, {"Нұрланов", "Nurlanov"}, {"Жұмабаев", "Zhumabaev"},
	{"Қасымов", "Kasymov"}, {"Оспанов", "Ospanov"}, {"Байтұрсынов", "Baitursynov"}, {"Ахметов", "Akhmetov"},
	{"Омаров", "Omarov"}, {"Тоқтаров", "Toktarov"}, {"Құнанбаев", "Kunanbaev"}, {"Бекмаханов", "Bekmakhanov"},
	{"Сәрсенбаев", "Sarsenbaev"}, {"Ерғалиев", "Ergaliev"}, {"Мұқанов", "Mukanov"}, {"Тәжібаев", "Tazhibaev"},
}

var enFamilies = []string{
	"Smith", "Brown", "Johnson", "Cooley", "Olcott", "Pomfret", "Laruelle", "Peyrouse", "Cummings",
	"Anceschi", "Dave", "Isaacs", "Schatz", "Kassenova", "Collins", "Jones", "Allison", "Bohr",
}

var cyrInitials = []string{"А.", "Б.", "В.", "Г.", "Д.", "Е.", "Ж.", "З.", "И.", "К.", "Л.", "М.", "Н.", "О.", "П.", "Р.", "С.", "Т.", "Ю.", "Я."}
var latInitials = []string{"A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "J.", "K.", "L.", "M.", "N.", "P.", "R.", "S.", "T.", "W."}
var enGiven = []string{"Martha", "Sally", "Alexander", "Marlene", "Luca", "Rico", "Sebastien", "Kathleen", "Paul", "Edward", "Roy"}

// Title parts: a topic, a subject, a period or a case.
var (
	ruTopics   = []string{"Внешняя политика", "Экономическое развитие", "Ядерное нераспространение", "Интеграционные процессы", "Энергетическая безопасность", "Миграционная политика", "Образовательная реформа", "Региональное сотрудничество", "Многовекторная дипломатия", "Национальная безопасность", "Транспортные коридоры", "Водные ресурсы", "Аграрная политика", "Цифровая трансформация", "Государственное управление"}
	ruSubjects = []string{"Республики Казахстан", "Казахстана", "стран Центральной Азии", "Евразийского союза", "государств ШОС", "Казахстана и России", "Казахстана и Китая", "постсоветских государств", "Туркестанского края", "Каспийского региона"}
	ruPeriods  = []string{"в 1990-е годы", "в годы независимости", "в XXI веке", "на современном этапе", "в 2014–2020 гг.", "после 1991 года", "в условиях глобализации", "в начале 2000-х годов", "в переходный период", "в 2010-е годы"}
	ruCases    = []string{"", ": на примере Алматы", ": опыт Астаны", ": история и современность", ": проблемы и перспективы", ": сравнительный анализ", ": документы и материалы", ": учебное пособие"}

	kkTopics   = []string{"Сыртқы саясат", "Экономикалық даму", "Ядролық қарусыздану", "Интеграциялық үдерістер", "Энергетикалық қауіпсіздік", "Көші-қон саясаты", "Білім беру реформасы", "Аймақтық ынтымақтастық", "Мемлекеттік басқару", "Су ресурстары", "Цифрлық трансформация", "Ауыл шаруашылығы"}
	kkSubjects = []string{"Қазақстан Республикасының", "Қазақстанның", "Орталық Азия елдерінің", "Еуразиялық одақтың", "Қазақстан мен Ресейдің", "Қазақстан мен Қытайдың", "ТМД елдерінің", "Каспий аймағының"}
	kkPeriods  = []string{"тәуелсіздік жылдарында", "XXI ғасырда", "қазіргі кезеңде", "1990 жылдары", "жаһандану жағдайында", "өтпелі кезеңде", "2010 жылдары", "2014–2020 жылдары"}
	kkCases    = []string{"", ": Алматы мысалында", ": тарих және қазіргі заман", ": мәселелер мен болашағы", ": салыстырмалы талдау", ": оқу құралы"}

	enTopics   = []string{"Multi-vector foreign policy", "Energy security", "Nuclear non-proliferation", "Regional integration", "Labour migration", "Higher education reform", "Water governance", "Transport corridors", "Authoritarian resilience", "Digital government", "Agrarian change", "Nation building", "Oil and the state", "Hedging strategies", "Soft power"}
	enSubjects = []string{"in Kazakhstan", "in Central Asia", "in the Eurasian Economic Union", "between Russia and China", "in post-Soviet states", "in the Caspian region", "along the Belt and Road", "in the Shanghai Cooperation Organisation", "on the Kazakh steppe", "in the Turkic world"}
	enPeriods  = []string{"since 1991", "after independence", "in the 1990s", "in the twenty-first century", "in the 2010s", "after 2014", "under Nazarbayev", "under Tokayev", "in comparative perspective", "from 1992 to 2016"}
	enCases    = []string{"", ": The case of Almaty", ": Evidence from Aktobe", ": A comparative analysis", ": Lessons from Astana", ": Between East and West", ": Myths and realities", ": An introduction"}
)

// outlet is a periodical or site with its romanised name and ISSN base.
type outlet struct {
	name, translit, lang string
	issn                 string // seven digits; the check digit is computed
	host                 string
}

var journals = []outlet{
	{"Вестник КазНУ. Серия международные отношения и международное право", "Vestnik KazNU. Seriya mezhdunarodnye otnosheniya i mezhdunarodnoe pravo", "ru", "1563034", "bulletin-ir.kaznu.kz"},
	{"Полис. Политические исследования", "Polis. Politicheskie issledovaniya", "ru", "0321201", "www.politstudies.ru"},
	{"Мировая экономика и международные отношения", "Mirovaya ekonomika i mezhdunarodnye otnosheniya", "ru", "0131222", "www.imemo.ru"},
	{"Казахстан в глобальных процессах", "Kazakhstan v global'nykh protsessakh", "ru", "1817710", "kisi.kz"},
	{"Қазақстан тарихы", "Qazaqstan tarikhy", "kk", "2307578", "e-history.kz"},
	{"Central Asian Survey", "", "en", "0263493", "www.tandfonline.com"},
	{"Europe-Asia Studies", "", "en", "0966813", "www.tandfonline.com"},
	{"Central Asia and the Caucasus", "", "en", "1404609", "www.ca-c.org"},
	{"Problems of Post-Communism", "", "en", "1075821", "www.tandfonline.com"},
}

var newspapers = []outlet{
	{"Казахстанская правда", "Kazakhstanskaya pravda", "ru", "", "kazpravda.kz"},
	{"Егемен Қазақстан", "Egemen Qazaqstan", "kk", "", "egemen.kz"},
	{"Известия", "Izvestiya", "ru", "", "iz.ru"},
	{"The Astana Times", "", "en", "", "astanatimes.com"},
	{"Литер", "Liter", "ru", "", "liter.kz"},
}

var sites = []outlet{
	{"Акорда.кз", "Akorda.kz", "ru", "", "www.akorda.kz"},
	{"Kazinform", "", "en", "", "www.inform.kz"},
	{"Radio Azattyq", "", "en", "", "rus.azattyq.org"},
	{"Tengrinews", "", "en", "", "tengrinews.kz"},
	{"Egov.kz", "", "en", "", "egov.kz"},
}

var institutions = []struct{ name, translated, lang string }{
	{"Министерство иностранных дел Республики Казахстан", "Ministry of Foreign Affairs of the Republic of Kazakhstan", "ru"},
	{"Қазақстан Республикасы Сыртқы істер министрлігі", "Ministry of Foreign Affairs of the Republic of Kazakhstan", "kk"},
	{"Агентство по стратегическому планированию и реформам", "Agency for Strategic Planning and Reforms", "ru"},
	{"World Bank", "", "en"},
	{"Organization for Security and Co-operation in Europe", "", "en"},
	{"Казахстанский институт стратегических исследований", "Kazakhstan Institute for Strategic Studies", "ru"},
}

var publishers = []struct{ name, place, lang string }{
	{"Наука", "Москва", "ru"}, {"Аспект Пресс", "Москва", "ru"}, {"Қазақ университеті", "Алматы", "kk"},
	{"Ғылым", "Алматы", "kk"}, {"Өнер", "Алматы", "kk"}, {"Фолиант", "Астана", "ru"}, {"Эксмо", "Москва", "ru"},
	{"Routledge", "London", "en"}, {"Palgrave Macmillan", "London", "en"}, {"Cambridge University Press", "Cambridge", "en"},
	{"Oxford University Press", "Oxford", "en"}, {"Columbia University Press", "New York", "en"},
}

var universities = []struct{ name, place, lang string }{
	{"Казахский национальный университет им. аль-Фараби", "Алматы", "ru"},
	{"Әл-Фараби атындағы Қазақ ұлттық университеті", "Алматы", "kk"},
	{"Евразийский национальный университет им. Л. Н. Гумилёва", "Астана", "ru"},
	{"Nazarbayev University", "Astana", "en"},
	{"University of Cambridge", "Cambridge", "en"},
}

var genres = map[string]string{"ru": "дис. … канд. ист. наук", "kk": "тарих ғылымдарының кандидаты дис.", "en": "Doctoral dissertation"}
