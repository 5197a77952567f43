fn main() {
    clippings::mount();
}
