/*
 * driver.c - runs a fuzz target over files without libFuzzer, so that
 * `make check` replays every corpus with the ordinary compiler.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	static uint8_t buf[1 << 20];
	size_t n;
	FILE *fp;
	int i;

	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof buf, fp);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("%s: %d inputs replayed\n", argv[0], argc - 1);
	return 0;
}
