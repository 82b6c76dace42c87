"""Texts written for these tests: fictional people and places, real Indonesian reporting style."""

MATARAM_ABSENCE = (
    "MATARAM (Warta Lombok) – Kepala Dinas Pendidikan Kota Mataram, Baiq Nurhasanah, membenarkan "
    "bahwa tiga orang PNS di lingkungan dinasnya bolos kerja pada Selasa, 5 Maret 2024. Menurut "
    'laporan warga, ketiganya terlihat di sebuah kafe pukul 09.30 WITA. "Kami akan memanggil '
    'mereka pekan depan," ujarnya. Inspektorat Kota Mataram sudah menerima salinan laporan itu.'
)

JAYAPURA_GRATIFICATION = (
    "Seorang pegawai Badan Pendapatan Daerah (Bapenda) Kota Jayapura diduga menerima uang "
    "sebesar Rp 5 juta dari wajib pajak pada Rabu (14/2/2024) sekitar pukul 10.15 WIT. "
    "Inspektur Daerah Kota Jayapura, Yohanes Wenda, mengatakan pihaknya telah melaporkan dugaan "
    "gratifikasi tersebut ke Komisi Pemberantasan Korupsi (KPK)."
)

SUKAMAJU_NEUTRALITY = (
    "Bawaslu Kabupaten Sukamaju menemukan dua orang ASN ikut kampanye pasangan calon bupati di "
    "Lapangan Merdeka pada Sabtu, 12 Oktober 2024. Ketua Bawaslu Kabupaten Sukamaju, Rudi "
    "Hartono, menyatakan perbuatan itu melanggar Undang-Undang Nomor 20 Tahun 2023 tentang "
    "Aparatur Sipil Negara dan PP Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil. "
    "Temuan itu diteruskan ke Badan Kepegawaian Negara (BKN)."
)

CAMAT_ABUSE = (
    "Perkumpulan Warga Peduli melaporkan Camat Sukadana, Agus Salim, yang diduga menyalahgunakan "
    "wewenang dengan memindahkan anggaran kelurahan untuk acara pribadi. Laporan itu "
    "disampaikan kepada Pj Bupati Sukamaju Dewi Lestari pada Senin, 3 Juni 2024 pukul 13.00 WIB."
)

RELATIVE_ABSENCE = (
    "Saya melihat dua pegawai honorer di kantor kelurahan sudah pulang kemarin jam 3 sore, "
    "padahal jam pulang kantor pukul 16.00 WIB. Senin lalu mereka juga tidak masuk kerja tanpa "
    "keterangan."
)

RANGE_ABSENCE = (
    "Lima orang tenaga honorer Dinas Kesehatan Kabupaten Sukamaju tidak hadir tanpa keterangan "
    "pada 1–3 Maret 2024. Kepala Dinas Kesehatan Kabupaten Sukamaju, Hendra Gunawan, "
    "mengatakan mereka akan diberi sanksi sesuai Peraturan Bupati Sukamaju Nomor 7 Tahun 2022."
)

LEVY = (
    "Warga mengeluhkan pungutan liar di kantor Disdukcapil Kota Sukamaju. Pada Kamis (7/11/2024) "
    "pukul 11.00 WIB seorang petugas meminta uang Rp 500 ribu untuk mempercepat pembuatan KTP. "
    "Ombudsman RI Perwakilan Jawa Barat menerima aduan tersebut, kata Kepala Ombudsman "
    "Perwakilan, Sri Wahyuni."
)

SOCIAL_MEDIA_PPPK = (
    "Sekretaris Daerah Kabupaten Sukamaju, Bambang Sutrisno, menerbitkan Surat Edaran Nomor "
    "800.1/245/BKPSDM tertanggal 10 Januari 2025 yang melarang ASN mengunggah video dengan konten "
    "tidak pantas di media sosial. Sebelumnya seorang PPPK di Dinas Perhubungan viral di TikTok "
    "karena berjoget dengan seragam dinas pada Jumat, 3 Januari 2025."
)

CROSS_MONTH_RANGE = (
    "Tim pemeriksa dari Inspektorat Kabupaten Sukamaju memeriksa empat orang PNS pada "
    "28 Februari - 2 Maret 2024 terkait dugaan penyalahgunaan wewenang dalam pengadaan barang."
)

NO_FACTS = "Terima kasih atas pelayanannya, semoga semakin baik ke depannya."

ENGLISH = (
    "The regional secretary said that the staff were at a karaoke bar after the office had "
    "closed, and that the association has not shown any of its evidence to the public."
)

YEARLESS = (
    "Pada 17 Agustus, saat upacara, seorang pegawai kontrak kedapatan mabuk di halaman kantor "
    "kecamatan. Kejadian itu berlangsung pukul 08.00 WIB."
)

AMBIGUOUS_HOUR = "Pegawai itu baru datang jam 3 pada Selasa, 9 Januari 2024 dan langsung pulang."
