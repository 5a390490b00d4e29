/* confdefs.h */
#define PACKAGE_NAME "bpowatch"
#define PACKAGE_TARNAME "bpowatch"
#define PACKAGE_VERSION "0.1.0"
#define PACKAGE_STRING "bpowatch 0.1.0"
#define PACKAGE_BUGREPORT ""
#define PACKAGE_URL ""
#define PACKAGE "bpowatch"
#define VERSION "0.1.0"
