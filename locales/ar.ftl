# نصوص واجهة المستخدم باللغة العربية. كل نص غير مترجم هنا يُعرض بالإنجليزية.
# `language-name` هو اسم اللغة بلغتها نفسها؛ و`language-direction` قيمته ltr أو rtl.
language-name = العربية
language-direction = rtl

skip-to-content = الانتقال إلى المحتوى
site-nav-label = الموقع
nav-home = الصفحة الرئيسية
nav-overview = نظرة عامة
nav-glossary = المسرد
language-label = اللغة
language-translated = مترجمة
language-not-translated = لم تُترجم بعد
breadcrumb-label = أنت هنا
pager-label = الصفحة السابقة والتالية
previous = السابق
next = التالي
on-this-page = في هذه الصفحة

kind-home = الصفحة الرئيسية
kind-principle = مبدأ
kind-standard = معيار
kind-indicator = مؤشر
kind-guide = إرشادات تفصيلية
kind-department = «Smart Operations» (حماية العملاء في إدارات المؤسسة)
kind-term = مصطلح في المسرد
kind-page = صفحة

applies-to = ينطبق على
product-all = جميع المنتجات
product-credit = الائتمان
product-savings = الادخار
product-payments = المدفوعات
product-insurance = التأمين

evidence-heading = الأدلة التي يراجعها المُقيِّم
evidence-documents = الوثائق
evidence-interviews = المقابلات
evidence-observation = الملاحظة الميدانية

principles-heading = المبادئ السبعة
standards-heading = المعايير
indicators-heading = المؤشرات
related-heading = صفحات ذات صلة
glossary-used-heading = مصطلحات المسرد المستخدمة
referenced-by-heading = الصفحات التي تحيل إلى هذه الصفحة
guides-heading = الإرشادات التفصيلية
departments-heading = «Smart Operations»: حماية العملاء في إدارات المؤسسة
pages-heading = عن هذا الدليل

overview-title = نظرة عامة على الإطار
overview-intro = جميع المبادئ والمعايير والمؤشرات في صفحة واحدة.
overview-number = الرقم
overview-item = المبدأ أو المعيار أو المؤشر
overview-products = المنتجات
glossary-title = المسرد
glossary-intro = المصطلحات المستخدمة في هذه الإرشادات مع تعريفاتها.

not-translated = لم تُترجم هذه الصفحة بعد، لذا تُعرض بلغتها الأصلية.
read-original = فتح النص الأصلي
landing-title = اختر اللغة
footer-note = دليل مستقل مبني على منشورات حماية العملاء المتاحة للعموم الصادرة عن حملة سمارت وCerise+SPTF، بصياغتنا الخاصة، وليس واحدًا من تلك المنشورات.
header-independent = دليل مستقل حول مبادئ حماية العملاء، وليس منشورًا رسميًا

indicator-count = { $count ->
    [zero] { $count } مؤشر
    [one] مؤشر واحد
    [two] مؤشران
    [few] { $count } مؤشرات
    [many] { $count } مؤشرًا
   *[other] { $count } مؤشر
}
standard-count = { $count ->
    [zero] { $count } معيار
    [one] معيار واحد
    [two] معياران
    [few] { $count } معايير
    [many] { $count } معيارًا
   *[other] { $count } معيار
}

body-not-translated = لم يُترجم نص هذه الصفحة بعد، لذا يُعرض بلغته الأصلية.
translation-outdated = تغيّر النص الأصلي لهذه الصفحة منذ ترجمتها.
nav-translations = حالة الترجمة
translations-title = حالة الترجمة
translations-intro = حجم ما تُرجم من الدليل إلى كل لغة، والصفحات التي تحتاج إلى مترجم.
translations-language = اللغة
translations-current = محدّثة
translations-outdated = غير محدّثة
translations-title-only = العنوان فقط
translations-missing = غير مترجمة

search-label = البحث في الدليل
search-placeholder = رقم أو عنوان أو كلمات
search-results = النتائج
search-none = لا توجد صفحات مطابقة.
search-loading = جارٍ تحميل فهرس البحث…
search-corrected = عرض النتائج عن
search-more = عرض مزيد من النتائج
print-title = الدليل كاملًا
print-contents = المحتويات
nav-print = الدليل كاملًا (للطباعة)
exports-label = تنزيل الإطار

pack-readme = الإرشادات التفصيلية لحماية العملاء، نسخة تعمل دون اتصال. افتح الملف index.html في هذا المجلد بأي متصفح: كل شيء يعمل دون إنترنت، بما في ذلك البحث.

# Site name, print title page, menu, overview filter, landing (session 6)
site-title = الإرشادات التفصيلية لحماية العملاء
print-edition = الإصدار
print-built = تاريخ الإنشاء
print-language = اللغة
print-not-translated = لم يُترجم بعد: يُعرض بلغته الأصلية.
menu = القائمة
contents-label = محتويات الدليل
on-this-page = في هذه الصفحة
statement-label = النص الكامل
overview-filter = عرض فقط
overview-all-products = كل المنتجات
overview-all-principles = كل المبادئ
landing-continue = المتابعة باللغة
