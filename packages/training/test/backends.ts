// Tests are written once and run on each backend (sst-core's shared helper).
export * from '@sst-tricks/sst-core/testing';
