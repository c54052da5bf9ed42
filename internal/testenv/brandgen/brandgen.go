// Package brandgen holds the parts of made-up brand names that the
// matchers' benchmarks and the memory benchmark's rules generator share:
// Russian and English heads and tails that combine into realistic,
// deterministic brand names (Нордбанк, Vela Pay…).
package brandgen

import "strings"

// Heads and tails of Russian and English brand names.
var (
	RuHeads = strings.Fields(`Норд Альт Вега Мега Ростел Сиб Урал Тех Газ Лига Сфер Зенит Кедр Волга Арс
		Гранд Пром Авто Бел Север Восток Капитал Эко Инфо Транс Стрела Ника Орион Даль Русь
		Алмаз Берег Вектор Гелио Дельта Ермак Жемчуг Заря Исток Квант`)
	RuTails = strings.Fields(`банк ком строй трейд маркет лайн сервис инвест тех софт нефть энерго страх фарм
		мобайл телеком лизинг кредит холдинг групп снаб металл`)
	EnHeads = strings.Fields(`Nova Blue Kron Vela Zen Orbit Pixel Quant Rapid Solar Terra Ultra Vertex Wave
		Astra Bright Cloud Data Echo Flux Gamma Helix Iron Jade Kite Lumen Mosaic Nimbus
		Onyx Prism Quill Radius Sigma Tidal Unity Vivid`)
	EnTails = strings.Fields(`soft ly hub pay bank desk cart link mind works stack flow ware base grid
		labs forge cast wise point`)
)
