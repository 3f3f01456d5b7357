#include "demo_seed.hpp"

#include <array>
#include <random>
#include <tuple>
#include <utility>

#include "mikhak/domain/notice_payload.hpp"
#include "staff_auth.hpp"
#include "token.hpp"

namespace mikhak::server {
namespace {

using Name = std::pair<const char*, const char*>;  // Persian, Latin

constexpr std::array<Name, 28> kGivenNames{{
    {"مریم", "Maryam"},    {"علی", "Ali"},        {"زهرا", "Zahra"},    {"محمد", "Mohammad"},
    {"فاطمه", "Fatemeh"},  {"حسین", "Hossein"},   {"سارا", "Sara"},     {"رضا", "Reza"},
    {"نرگس", "Narges"},    {"امیر", "Amir"},      {"لیلا", "Leila"},    {"مهدی", "Mahdi"},
    {"شیرین", "Shirin"},   {"بهرام", "Bahram"},   {"پریسا", "Parisa"},  {"کاوه", "Kaveh"},
    {"نازنین", "Nazanin"}, {"آرش", "Arash"},      {"مینا", "Mina"},     {"سعید", "Saeed"},
    {"الهام", "Elham"},    {"داریوش", "Dariush"}, {"یاسمن", "Yasaman"}, {"کیان", "Kian"},
    {"گلناز", "Golnaz"},   {"بابک", "Babak"},     {"ژاله", "Zhaleh"},   {"فرهاد", "Farhad"},
}};

constexpr std::array<Name, 24> kFamilyNames{{
    {"رضایی", "Rezaei"},   {"محمدی", "Mohammadi"},  {"حسینی", "Hosseini"}, {"احمدی", "Ahmadi"},
    {"کریمی", "Karimi"},   {"موسوی", "Mousavi"},    {"جعفری", "Jafari"},   {"صادقی", "Sadeghi"},
    {"نوری", "Nouri"},     {"تهرانی", "Tehrani"},   {"شریفی", "Sharifi"},  {"قاسمی", "Ghasemi"},
    {"رحیمی", "Rahimi"},   {"کاظمی", "Kazemi"},     {"افشار", "Afshar"},   {"فراهانی", "Farahani"},
    {"اکبری", "Akbari"},   {"یزدانی", "Yazdani"},   {"سلطانی", "Soltani"}, {"باقری", "Bagheri"},
    {"شیرازی", "Shirazi"}, {"اصفهانی", "Esfahani"}, {"مشهدی", "Mashhadi"}, {"کرمانی", "Kermani"},
}};

// An Iranian national code: nine digits and the check digit of the ministry's scheme.
std::string nationalId(std::mt19937& random) {
  std::string digits;
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    const int d = static_cast<int>(random() % 10);
    digits += static_cast<char>('0' + d);
    sum += d * (10 - i);
  }
  const int r = sum % 11;
  digits += static_cast<char>('0' + (r < 2 ? r : 11 - r));
  return digits;
}

// How often each service is booked, by id; others get the default.
int weightOf(const std::string& serviceId) {
  if (serviceId == "passport") return 30;
  if (serviceId == "power_of_attorney") return 25;
  if (serviceId == "personal_status") return 12;
  if (serviceId == "student_enrolment") return 10;
  return 5;
}

}  // namespace

DemoSeed seedDemo(Store& store, const Consulate& consulate, const domain::ZoneClock& clock,
                  const domain::SigningKey& key, std::chrono::sys_seconds now) {
  using namespace std::chrono;
  DemoSeed seed;
  seed.kioskToken = newToken();
  store.addKiosk(
      {.id = "kiosk-1", .name = "Demo kiosk (hall)", .tokenHash = tokenHash(seed.kioskToken)});

  // Counters grouped as missions group them (domain.md): passports and powers of attorney,
  // personal status, students, marriage and divorce, and one for everything.
  const std::vector<Counter> counters{
      {1,
       "باجه ۱ — گذرنامه و وکالت‌نامه",
       "Counter 1 — passports, powers of attorney",
       {"passport", "power_of_attorney", "criminal_record"}},
      {2,
       "باجه ۲ — گذرنامه و وکالت‌نامه",
       "Counter 2 — passports, powers of attorney",
       {"passport", "power_of_attorney", "criminal_record"}},
      {3,
       "باجه ۳ — امور سجلی",
       "Counter 3 — personal status",
       {"personal_status", "death_registration"}},
      {4,
       "باجه ۴ — امور دانشجویی و ازدواج",
       "Counter 4 — students, marriage and divorce",
       {"student_enrolment", "medical_documents", "marriage_registration", "divorce_registration"}},
      {5, "باجه ۵", "Counter 5", {}},
  };
  const domain::Catalogue catalogue = store.catalogue();
  for (Counter c : counters) {
    if (c.services.empty()) {
      for (const auto& s : catalogue.services) c.services.push_back(s.id);
    }
    store.saveCounter(c);
  }
  for (const auto& [login, name, role] :
       {std::tuple{"counter1", "Counter staff 1", Role::Counter},
        std::tuple{"counter2", "Counter staff 2", Role::Counter},
        std::tuple{"supervisor", "Supervisor", Role::Supervisor},
        std::tuple{"technician", "Technician", Role::Technician}}) {
    const std::string password = newToken().substr(0, 12);
    StaffMember member{0, login, name, role, hashPassword(password)};
    if (store.addStaff(member)) seed.staff.emplace_back(login, password);
  }

  std::vector<int> weights;
  for (const auto& s : catalogue.services) weights.push_back(weightOf(s.id));
  std::discrete_distribution<std::size_t> pickService(weights.begin(), weights.end());
  std::mt19937 random(20261129);

  const sys_seconds midnight = clock.startOfDay(now);
  const sys_seconds opening = midnight + hours(8) + minutes(30);

  int openSamples = 3;
  int cancelledSamples = 1;
  int tomorrowSamples = 1;
  int otherSamples = 0;
  int made = 0;
  for (int slot = 0; slot < 97; ++slot) {
    const int perSlot = 2 + static_cast<int>(random() % 3);  // 2-4 applicants every 5 minutes
    for (int k = 0; k < perSlot && made < 300; ++k, ++made) {
      Appointment a;
      const domain::TrackingCode code = domain::TrackingCode::generate();
      a.code = code.digits();
      a.consulateId = consulate.id;
      a.serviceId = catalogue.services[pickService(random)].id;
      const Name given = kGivenNames[random() % kGivenNames.size()];
      const Name family = kFamilyNames[random() % kFamilyNames.size()];
      a.applicant = {given.first, family.first, given.second, family.second, nationalId(random)};
      a.startsAt = (opening + minutes(5 * slot)).time_since_epoch().count();
      const auto roll = random() % 100;
      if (roll < 4) a.status = AppointmentStatus::Cancelled;
      if (roll >= 4 && roll < 8) a.priority = kPriorityElderly;
      if (roll >= 8 && roll < 10) a.priority = kPriorityDisabled;
      if (roll >= 10 && roll < 13) a.startsAt += duration_cast<seconds>(days(1)).count();
      if (!store.addAppointment(a)) continue;  // a code collision: 1 in 10^13, skip it
      ++seed.appointments;

      // Samples to try: appointments whose window is open now, a cancelled one, a tomorrow one.
      const sys_seconds start{seconds(a.startsAt)};
      const bool tomorrow = start >= midnight + days(1);
      const bool openNow = a.status == AppointmentStatus::Booked && !tomorrow &&
                           start - minutes(60) <= now && now <= start + minutes(15);
      const std::string kind = tomorrow  ? "tomorrow"
                               : openNow ? "open now"
                                         : std::string(toString(a.status));
      int& quota = kind == "open now"    ? openSamples
                   : kind == "cancelled" ? cancelledSamples
                   : kind == "tomorrow"  ? tomorrowSamples
                                         : otherSamples;
      if (quota-- > 0) {
        seed.samples.push_back({a.code,
                                domain::encodeNoticePayload({code, consulate.id, a.startsAt}, key),
                                a.serviceId, clock.hoursMinutes(start), kind});
      }
    }
  }
  return seed;
}

}  // namespace mikhak::server
